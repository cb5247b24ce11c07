#!/bin/sh
# writes data.csv: 200,000 rows (about 2.6 MB, ten read chunks); the
# ids repeat every 50,000 rows and every 40,000th row's n is not a number
awk 'BEGIN {
	print "id,n"
	for (i = 1; i <= 200000; i++)
		printf "%d,%s\n", (i - 1) % 50000, i % 40000 == 0 ? "x" : i
}' > data.csv
