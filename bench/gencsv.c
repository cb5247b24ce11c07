/*
 * gencsv: a deterministic CSV of the paragraphs table for `make bench`.
 *
 *   gencsv [-v] [-s SEED] -o OUT SIZE TEMPLATE.txt...
 *
 * Columns as sheaf writes them (src/tables/emit.c): paragraph_id, document_id,
 * ordinal, role, section, text, text_sha256, char_start, char_end,
 * word_count.  Documents (bench-NNNNNNNN) have the shape of an article:
 * site furniture, title, standfirst, an optional caption and credit,
 * body paragraphs under optional headings, an optional author note.
 * Texts come from the templates: furniture paragraphs as they are, body
 * paragraphs recombined from their sentences, sometimes with a line
 * break inside or with curly double quotes made straight, so that the
 * CSV quotes commas, quotes and newlines.  Every row is consistent:
 * paragraph_id is "<document>:p" and the first 10 hex digits of the
 * text's SHA-256 (".2", ".3"... for repeats in a document), offsets
 * count code points with two between paragraphs, and word_count counts
 * runs of non-space.  SIZE counts bytes of CSV; generation stops after
 * the row that reaches it (rows never split), so a smaller SIZE with the
 * same seed gives a prefix of a larger one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "lib/buf.h"
#include "lib/xalloc.h"
#include "synth.h"

#define PROG		"gencsv"
#define DOC_PARA_MAX	128		/* paragraphs in a document */
#define BODY_SENT_MAX	6	/* sentences in a body paragraph */

static const char header[] = "paragraph_id,document_id,ordinal,role,"
    "section,text,text_sha256,char_start,char_end,word_count\n";

struct doc {
	char		 id[32];
	unsigned long	 ordinal;
	unsigned long	 next_start;	/* offset of the next para */
	char		 hex[DOC_PARA_MAX][11];	/* ids so far */
	struct buf	 section;
};

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-v] [-s SEED] -o OUT SIZE "
	    "TEMPLATE.txt...\n", PROG);
	exit(2);
}

/* Append a CSV field, quoted when it holds , " CR or LF. */
static void
put_field(struct buf *b, const char *s, size_t n)
{
	const char *p, *run;

	if (memchr(s, ',', n) == NULL && memchr(s, '"', n) == NULL &&
	    memchr(s, '\n', n) == NULL && memchr(s, '\r', n) == NULL) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	run = s;
	while ((p = memchr(run, '"', (size_t)(s + n - run))) != NULL) {
		buf_add(b, run, (size_t)(p - run + 1));
		buf_addc(b, '"');
		run = p + 1;
	}
	buf_add(b, run, (size_t)(s + n - run));
	buf_addc(b, '"');
}

static unsigned long
count_chars(const char *s, size_t n)
{
	unsigned long c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static unsigned long
count_words(const char *s, size_t n)
{
	unsigned long w = 0;
	size_t i;
	int in = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			in = 0;
		} else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

/* Replace curly double quotes (U+201C, U+201D) with '"', in place. */
static void
straighten(struct buf *t)
{
	size_t i, o = 0;

	for (i = 0; i < t->len; i++) {
		if (i + 2 < t->len && memcmp(t->s + i, "\xe2\x80", 2) == 0 &&
		    (t->s[i + 2] == '\x9c' || t->s[i + 2] == '\x9d')) {
			t->s[o++] = '"';
			i += 2;
		} else
			t->s[o++] = t->s[i];
	}
	t->len = o;
	t->s[o] = '\0';
}

static void
sha256_hex(const char *s, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (EVP_Digest(s, n, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32) {
		fprintf(stderr, "%s: SHA-256 failed\n", PROG);
		exit(3);
	}
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

/* One row for a paragraph of text t with a role into row. */
static void
row(struct doc *d, struct buf *rowb, const char *role, const struct buf *t)
{
	char sha[65], num[64];
	unsigned long nchar, dup = 1, i;
	int n;

	sha256_hex(t->s, t->len, sha);
	nchar = count_chars(t->s, t->len);
	for (i = 0; i < d->ordinal && i < DOC_PARA_MAX; i++)
		dup += memcmp(d->hex[i], sha, 10) == 0;
	if (d->ordinal < DOC_PARA_MAX) {
		memcpy(d->hex[d->ordinal], sha, 10);
		d->hex[d->ordinal][10] = '\0';
	}
	d->ordinal++;
	buf_reset(rowb);
	buf_adds(rowb, d->id);
	buf_add(rowb, ":p", 2);
	buf_add(rowb, sha, 10);
	if (dup > 1) {
		n = snprintf(num, sizeof(num), ".%lu", dup);
		buf_add(rowb, num, (size_t)n);
	}
	buf_addc(rowb, ',');
	buf_adds(rowb, d->id);
	n = snprintf(num, sizeof(num), ",%lu,", d->ordinal);
	buf_add(rowb, num, (size_t)n);
	buf_adds(rowb, role);
	buf_addc(rowb, ',');
	if (strcmp(role, "body") == 0)
		put_field(rowb, d->section.s == NULL ? "" : d->section.s,
		    d->section.len);
	buf_addc(rowb, ',');
	put_field(rowb, t->s, t->len);
	buf_addc(rowb, ',');
	buf_add(rowb, sha, 64);
	n = snprintf(num, sizeof(num), ",%lu,%lu,%lu\n", d->next_start,
	    d->next_start + nchar, count_words(t->s, t->len));
	buf_add(rowb, num, (size_t)n);
	d->next_start += nchar + 2;
}

/* A furniture paragraph (one line) into t. */
static void
furniture(const struct synth *sy, struct rng *r, struct buf *t)
{
	const struct span *sp;

	buf_reset(t);
	if (sy->nfurn == 0) {
		sp = &sy->sents[rng_below(r, sy->nsent)];
		buf_add(t, sp->s, sp->len);
		return;
	}
	sp = &sy->furn[rng_below(r, sy->nfurn)];
	buf_add(t, sp->s, sp->len);
}

/* A body paragraph: 1..BODY_SENT_MAX sentences, now and then two lines. */
static void
body(const struct synth *sy, struct rng *r, struct buf *t)
{
	const struct span *sp;
	size_t k, j;

	buf_reset(t);
	k = 1 + rng_below(r, BODY_SENT_MAX);
	for (j = 0; j < k; j++) {
		if (j > 0)
			buf_addc(t, rng_below(r, 16) == 0 ? '\n' : ' ');
		sp = &sy->sents[rng_below(r, sy->nsent)];
		buf_add(t, sp->s, sp->len);
	}
	if (rng_below(r, 8) == 0)
		straighten(t);
}

struct out {
	FILE		*fp;
	const char	*name;
	uint64_t	 total;
	uint64_t	 size;
	uint64_t	 rows;
};

static int
emit(struct out *o, struct doc *d, struct buf *rowb, const char *role,
    struct buf *t)
{
	row(d, rowb, role, t);
	if (fwrite(rowb->s, 1, rowb->len, o->fp) != rowb->len) {
		fprintf(stderr, "%s: %s: %s\n", PROG, o->name,
		    strerror(errno));
		return -1;
	}
	o->total += rowb->len;
	o->rows++;
	return 0;
}

/* One document; stops early (returning 1) once the size is reached. */
static int
document(const struct synth *sy, struct rng *r, struct out *o,
    unsigned long long n, struct doc *d, struct buf *rowb, struct buf *t)
{
	size_t i, k, nbody;

#define EMIT(role) do {						\
	if (emit(o, d, rowb, (role), t) != 0)			\
		return -1;					\
	if (o->total >= o->size)				\
		return 1;					\
} while (0)

	snprintf(d->id, sizeof(d->id), "bench-%08llu", n);
	d->ordinal = 0;
	d->next_start = 0;
	buf_reset(&d->section);
	for (i = 0, k = rng_below(r, 3); i < k; i++) {
		furniture(sy, r, t);
		EMIT("boilerplate");
	}
	furniture(sy, r, t);
	EMIT("title");
	if (rng_below(r, 4) != 0) {
		furniture(sy, r, t);
		EMIT("subtitle");
	}
	nbody = 3 + rng_below(r, 12);
	for (i = 0; i < nbody; i++) {
		if (i == 0 || rng_below(r, 8) == 0) {
			if (rng_below(r, 2) == 0) {
				furniture(sy, r, t);
				EMIT("caption");
				furniture(sy, r, t);
				EMIT("credit");
			}
		}
		if (i > 0 && rng_below(r, 6) == 0) {
			furniture(sy, r, t);
			EMIT("heading");
			buf_reset(&d->section);
			buf_add(&d->section, t->s, t->len);
		}
		body(sy, r, t);
		EMIT("body");
	}
	if (rng_below(r, 4) != 0) {
		buf_reset(t);
		if (sy->nlast > 0) {
			k = rng_below(r, sy->nlast);
			buf_add(t, sy->last[k].s, sy->last[k].len);
		} else
			body(sy, r, t);
		EMIT("author_note");
	}
#undef EMIT
	return 0;
}

int
main(int argc, char *argv[])
{
	struct synth sy;
	struct rng r;
	struct out o;
	static struct doc d;
	struct buf rowb, t;
	const char *out = NULL;
	uint64_t seed = 1, size;
	unsigned long long n = 0;
	int ch, rc = 0, verbose = 0, st;

	while ((ch = getopt(argc, argv, "o:s:v")) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 's':
			if (synth_parse_u64(optarg, &seed) != 0) {
				fprintf(stderr, "%s: bad seed '%s'\n", PROG,
				    optarg);
				return 2;
			}
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (out == NULL || argc - optind < 2)
		usage();
	if (synth_parse_size(argv[optind], &size) != 0) {
		fprintf(stderr, "%s: bad size '%s' (e.g. 50M, 1Gi)\n", PROG,
		    argv[optind]);
		return 2;
	}
	if (synth_load(&sy, PROG, argv + optind + 1,
	    (size_t)(argc - optind - 1)) != 0)
		return 1;
	memset(&o, 0, sizeof(o));
	o.name = out;
	o.size = size;
	o.fp = strcmp(out, "-") == 0 ? stdout : fopen(out, "wb");
	if (o.fp == NULL) {
		fprintf(stderr, "%s: %s: %s\n", PROG, out, strerror(errno));
		synth_release(&sy);
		return 3;
	}
	setvbuf(o.fp, NULL, _IOFBF, 1 << 20);
	buf_init(&rowb);
	buf_init(&t);
	buf_init(&d.section);
	rng_seed(&r, seed);
	if (fwrite(header, 1, sizeof(header) - 1, o.fp) !=
	    sizeof(header) - 1) {
		fprintf(stderr, "%s: %s: %s\n", PROG, out, strerror(errno));
		rc = 3;
	}
	o.total = sizeof(header) - 1;
	while (rc == 0 && o.total < o.size) {
		st = document(&sy, &r, &o, ++n, &d, &rowb, &t);
		if (st < 0)
			rc = 3;
	}
	if (o.fp != stdout ? fclose(o.fp) != 0 : fflush(o.fp) != 0) {
		if (rc == 0)
			fprintf(stderr, "%s: %s: %s\n", PROG, out,
			    strerror(errno));
		rc = 3;
	}
	if (verbose && rc == 0)
		fprintf(stderr, "%s: %llu documents, %llu rows, %llu bytes\n",
		    PROG, n, (unsigned long long)o.rows,
		    (unsigned long long)o.total);
	buf_release(&rowb);
	buf_release(&t);
	buf_release(&d.section);
	synth_release(&sy);
	return rc;
}
