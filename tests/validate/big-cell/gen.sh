#!/bin/sh
# writes data.csv with two rows holding 1 MiB cells
big=$(head -c 1048576 /dev/zero | tr '\0' 'x')
{ printf 'id,text\n'; printf '1,%s\n' "$big"; printf '%s,short\n' "$big"; printf '3,ok\n'; } > data.csv
