/* synth: PRNG, sizes and template articles for the bench generators. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "synth.h"

/* Largest template article we read. */
#define TEMPLATE_MAX	(64UL * 1024 * 1024)

void
rng_seed(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t
rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_next(r) % n);
}

int
synth_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (*s != '\0')
		return -1;
	*out = v;
	return 0;
}

int
synth_parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGT";
	uint64_t v = 0, mul = 1, base;
	const char *u;
	char c;
	int i;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (*s != '\0') {
		c = (*s >= 'a' && *s <= 'z') ? (char)(*s - 'a' + 'A') : *s;
		if (c == '\0' || (u = strchr(units, c)) == NULL)
			return -1;
		s++;
		base = 1000;
		if (*s == 'i') {
			base = 1024;
			s++;
		}
		if (*s != '\0')
			return -1;
		for (i = 0; i <= u - units; i++)
			mul *= base;
	}
	if (v == 0 || v > (UINT64_MAX >> 2) / mul)
		return -1;
	*out = v * mul;
	return 0;
}

/* Read a whole file into an owned buffer; NULL after a message. */
static char *
read_file(const char *prog, const char *path, size_t *lenp)
{
	FILE *fp;
	char *s = NULL;
	size_t len = 0, cap = 0, n;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return NULL;
	}
	for (;;) {
		s = xgrow(s, &cap, len + 65536 + 1, 1);
		n = fread(s + len, 1, 65536, fp);
		len += n;
		if (n < 65536)
			break;
		if (len > TEMPLATE_MAX) {
			fprintf(stderr, "%s: %s: larger than %lu bytes\n",
			    prog, path, TEMPLATE_MAX);
			goto fail;
		}
	}
	if (ferror(fp)) {
		fprintf(stderr, "%s: %s: read error\n", prog, path);
		goto fail;
	}
	fclose(fp);
	s[len] = '\0';
	*lenp = len;
	return s;
fail:
	fclose(fp);
	free(s);
	return NULL;
}

/* Drop a UTF-8 BOM and every CR, in place. */
static size_t
normalise(char *s, size_t len)
{
	size_t i, o = 0;

	i = (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;
	for (; i < len; i++)
		if (s[i] != '\r')
			s[o++] = s[i];
	s[o] = '\0';
	return o;
}

/* Bytes of a closing quote or bracket at s (0 if none). */
static size_t
closer_len(const char *s, const char *end)
{
	if (s < end && (*s == '"' || *s == '\'' || *s == ')'))
		return 1;
	/* U+201D, U+2019 */
	if (end - s >= 3 && memcmp(s, "\xe2\x80", 2) == 0 &&
	    (s[2] == '\x9d' || s[2] == '\x99'))
		return 3;
	return 0;
}

/* Does a sentence start at s: a capital, a digit or an opening quote? */
static int
sentence_start(const char *s, const char *end)
{
	if (s >= end)
		return 0;
	if ((*s >= 'A' && *s <= 'Z') || *s == '"')
		return 1;
	/* U+201C */
	return end - s >= 3 && memcmp(s, "\xe2\x80\x9c", 3) == 0;
}

static int
is_terminal(char c)
{
	return c == '.' || c == '!' || c == '?';
}

/* Does the paragraph end like a sentence (punctuation, then closers)? */
static int
ends_sentence(const char *s, size_t len)
{
	const char *end = s + len, *p = end;

	while (p > s) {
		if (is_terminal(p[-1]))
			return 1;
		if (p[-1] == '"' || p[-1] == ')' || p[-1] == '\'')
			p--;
		else if (p - s >= 3 && memcmp(p - 3, "\xe2\x80", 2) == 0 &&
		    (p[-1] == '\x9d' || p[-1] == '\x99'))
			p -= 3;
		else
			return 0;
	}
	return 0;
}

static void
add_span(struct span **v, size_t *n, size_t *cap, const char *s,
    size_t len)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n].s = s;
	(*v)[*n].len = len;
	(*n)++;
}

/* Cut a body paragraph into sentences, appended to the pool. */
static size_t
split_sentences(struct synth *sy, size_t *cap, const char *s, size_t len)
{
	const char *end = s + len, *start = s, *p = s, *q;
	size_t n = 0;

	while (p < end) {
		if (!is_terminal(*p)) {
			p++;
			continue;
		}
		q = p + 1;
		while (q < end && closer_len(q, end) > 0)
			q += closer_len(q, end);
		if (q < end && *q == ' ' && sentence_start(q + 1, end)) {
			add_span(&sy->sents, &sy->nsent, cap, start,
			    (size_t)(q - start));
			n++;
			start = q + 1;
		}
		p = q;
	}
	if (start < end) {
		add_span(&sy->sents, &sy->nsent, cap, start,
		    (size_t)(end - start));
		n++;
	}
	return n;
}

int
synth_load(struct synth *sy, const char *prog, char *const *paths,
    size_t n)
{
	size_t i, tcap, scap = 0, fcap = 0, lcap = 0, pcap;
	struct tmpl *t;
	struct tpara *tp;
	const char *p, *end, *e;

	memset(sy, 0, sizeof(*sy));
	sy->t = xcalloc(n, sizeof(*sy->t));
	for (i = 0; i < n; i++) {
		t = &sy->t[i];
		if ((t->text = read_file(prog, paths[i], &t->len)) == NULL)
			goto fail;
		sy->nt++;
		t->len = normalise(t->text, t->len);
		pcap = 0;
		p = t->text;
		end = t->text + t->len;
		while (p < end) {
			while (p < end && (*p == '\n' || *p == ' ' ||
			    *p == '\t'))
				p++;
			if (p >= end)
				break;
			e = strstr(p, "\n\n");
			if (e == NULL)
				e = end;
			tcap = (size_t)(e - p);
			while (tcap > 0 && (p[tcap - 1] == ' ' ||
			    p[tcap - 1] == '\t' || p[tcap - 1] == '\n'))
				tcap--;
			t->paras = xgrow(t->paras, &pcap, t->npara + 1,
			    sizeof(*t->paras));
			tp = &t->paras[t->npara++];
			memset(tp, 0, sizeof(*tp));
			tp->text.s = p;
			tp->text.len = tcap;
			p = e;
		}
		if (t->npara == 0) {
			fprintf(stderr, "%s: %s: no paragraphs\n", prog,
			    paths[i]);
			goto fail;
		}
		for (tcap = 0; tcap < t->npara; tcap++) {
			tp = &t->paras[tcap];
			if (tcap == t->npara - 1 && t->npara > 1) {
				tp->kind = PARA_LAST;
				add_span(&sy->last, &sy->nlast, &lcap,
				    tp->text.s, tp->text.len);
			} else if (tp->text.len >= SYNTH_BODY_MIN &&
			    memchr(tp->text.s, '\n', tp->text.len) == NULL &&
			    ends_sentence(tp->text.s, tp->text.len)) {
				tp->kind = PARA_BODY;
				tp->first_sent = sy->nsent;
				tp->nsent = split_sentences(sy, &scap,
				    tp->text.s, tp->text.len);
			} else {
				tp->kind = PARA_FURNITURE;
				if (memchr(tp->text.s, '\n',
				    tp->text.len) == NULL)
					add_span(&sy->furn, &sy->nfurn, &fcap,
					    tp->text.s, tp->text.len);
			}
		}
	}
	if (sy->nsent == 0) {
		fprintf(stderr, "%s: the templates have no body text (a "
		    "paragraph of %d bytes or more ending a sentence)\n",
		    prog, SYNTH_BODY_MIN);
		goto fail;
	}
	return 0;
fail:
	synth_release(sy);
	return -1;
}

void
synth_release(struct synth *sy)
{
	size_t i;

	for (i = 0; i < sy->nt; i++) {
		free(sy->t[i].text);
		free(sy->t[i].paras);
	}
	free(sy->t);
	free(sy->sents);
	free(sy->furn);
	free(sy->last);
	memset(sy, 0, sizeof(*sy));
}
