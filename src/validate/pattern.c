/*
 * pattern: XML Schema regular expressions, compiled to a Thompson NFA over
 * UTF-8 bytes and matched with a lazily built DFA (one state per set of
 * NFA states reached, transitions filled in on first use).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "validate/pattern.h"

#define RE_MAXNFA	20000	/* NFA states; bounds {n,m} expansion */
#define RE_MAXDFA	2048	/* DFA states kept; beyond, simulate the NFA */
#define RE_MAXREP	1000	/* largest count in {n,m} */
#define RE_MAXDEPTH	200	/* nesting of groups */
#define CP_MAX		0x10FFFFu

/* --- code point sets ------------------------------------------------------ */

struct range {
	uint32_t lo, hi;
};

struct cset {
	struct range	*r;
	size_t		 n, cap;
};

static void
cset_add(struct cset *s, uint32_t lo, uint32_t hi)
{
	s->r = xgrow(s->r, &s->cap, s->n + 1, sizeof(*s->r));
	s->r[s->n].lo = lo;
	s->r[s->n].hi = hi;
	s->n++;
}

static int
rangecmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sort and merge overlapping or adjacent ranges. */
static void
cset_norm(struct cset *s)
{
	size_t i, j;

	if (s->n == 0)
		return;
	qsort(s->r, s->n, sizeof(*s->r), rangecmp);
	for (i = 0, j = 1; j < s->n; j++) {
		if (s->r[j].lo <= s->r[i].hi + 1) {
			if (s->r[j].hi > s->r[i].hi)
				s->r[i].hi = s->r[j].hi;
		} else
			s->r[++i] = s->r[j];
	}
	s->n = i + 1;
}

static void
cset_complement(struct cset *s)
{
	struct cset t = { NULL, 0, 0 };
	uint32_t next = 0;
	size_t i;

	cset_norm(s);
	for (i = 0; i < s->n; i++) {
		if (s->r[i].lo > next)
			cset_add(&t, next, s->r[i].lo - 1);
		next = s->r[i].hi + 1;
	}
	if (next <= CP_MAX)
		cset_add(&t, next, CP_MAX);
	free(s->r);
	*s = t;
}

static void
cset_merge(struct cset *dst, const struct cset *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		cset_add(dst, src->r[i].lo, src->r[i].hi);
}

/* --- syntax tree ------------------------------------------------------- */

enum nkind { N_EMPTY, N_SET, N_CAT, N_ALT, N_REP, N_BOL, N_EOL };

struct node {
	enum nkind	 kind;
	struct node	*a, *b;
	struct cset	 set;
	int		 min, max;	/* N_REP; max -1 is unbounded */
};

static struct node *
node_new(enum nkind k, struct node *a, struct node *b)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->kind = k;
	n->a = a;
	n->b = b;
	return n;
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	node_free(n->a);
	node_free(n->b);
	free(n->set.r);
	free(n);
}

struct parser {
	const unsigned char	*begin, *p, *end;
	char			*err;
	size_t			 errlen;
	int			 depth;
	int			 failed;
};

static void
perr(struct parser *ps, const char *msg)
{
	if (!ps->failed)
		snprintf(ps->err, ps->errlen, "%s at offset %ld", msg,
		    (long)(ps->p - ps->begin));
	ps->failed = 1;
}

/* Decode one UTF-8 code point (lib/utf8.h); -1 on malformed input. */
static long
getcp(struct parser *ps)
{
	size_t k;
	int32_t c;

	if (ps->p >= ps->end)
		return -1;
	c = utf8_decode((const char *)ps->p, (size_t)(ps->end - ps->p), &k);
	if (c >= 0)
		ps->p += k;
	return c;
}

static void
set_digit(struct cset *s)
{
	cset_add(s, '0', '9');
}

static void
set_word(struct cset *s)
{
	cset_add(s, '0', '9');
	cset_add(s, 'A', 'Z');
	cset_add(s, '_', '_');
	cset_add(s, 'a', 'z');
}

static void
set_space(struct cset *s)
{
	cset_add(s, '\t', '\r');	/* \t \n \v \f \r */
	cset_add(s, ' ', ' ');
}

/*
 * After a backslash: a class escape (\d \w \s and their negations) adds
 * to *set and returns -2; a single character escape returns the code
 * point; an error returns -1.
 */
static long
parse_escape(struct parser *ps, struct cset *set)
{
	struct cset t = { NULL, 0, 0 };
	long c;

	if (ps->p >= ps->end) {
		perr(ps, "trailing backslash");
		return -1;
	}
	c = *ps->p++;
	switch (c) {
	case 'd': case 'D':
		set_digit(&t);
		break;
	case 'w': case 'W':
		set_word(&t);
		break;
	case 's': case 'S':
		set_space(&t);
		break;
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	case 'f':
		return '\f';
	case 'v':
		return '\v';
	case 'p': case 'P': case 'i': case 'I': case 'c': case 'C':
		ps->p--;
		perr(ps, "unsupported escape (\\p, \\i, \\c)");
		return -1;
	default:
		if (c < 0x80 && c > ' ' && !(c >= '0' && c <= '9') &&
		    !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') &&
		    c != 0x7F)
			return c;
		ps->p--;
		perr(ps, "unsupported escape");
		return -1;
	}
	if (c == 'D' || c == 'W' || c == 'S')
		cset_complement(&t);
	cset_merge(set, &t);
	free(t.r);
	return -2;
}

static struct node *
parse_class(struct parser *ps)
{
	struct node *n = node_new(N_SET, NULL, NULL);
	int negate = 0, first = 1;
	long lo, hi;

	if (ps->p < ps->end && *ps->p == '^') {
		negate = 1;
		ps->p++;
	}
	for (;;) {
		if (ps->p >= ps->end) {
			perr(ps, "unterminated character class");
			return n;
		}
		if (*ps->p == ']' && !first) {
			ps->p++;
			break;
		}
		first = 0;
		if (*ps->p == '[') {
			perr(ps, "nested class or class subtraction "
			    "unsupported");
			return n;
		}
		if (*ps->p == '\\') {
			ps->p++;
			if ((lo = parse_escape(ps, &n->set)) == -1)
				return n;
			if (lo == -2) {
				if (ps->p + 1 < ps->end && ps->p[0] == '-' &&
				    ps->p[1] != ']') {
					perr(ps, "class escape as range bound");
					return n;
				}
				continue;
			}
		} else if ((lo = getcp(ps)) < 0) {
			perr(ps, "invalid UTF-8 in pattern");
			return n;
		}
		hi = lo;
		if (ps->p + 1 < ps->end && ps->p[0] == '-' && ps->p[1] != ']') {
			ps->p++;
			if (*ps->p == '[') {
				perr(ps, "class subtraction unsupported");
				return n;
			}
			if (*ps->p == '\\') {
				ps->p++;
				if ((hi = parse_escape(ps, &n->set)) == -1)
					return n;
				if (hi == -2) {
					perr(ps, "class escape as range bound");
					return n;
				}
			} else if ((hi = getcp(ps)) < 0) {
				perr(ps, "invalid UTF-8 in pattern");
				return n;
			}
			if (hi < lo) {
				perr(ps, "bad character range");
				return n;
			}
		}
		cset_add(&n->set, (uint32_t)lo, (uint32_t)hi);
	}
	if (negate)
		cset_complement(&n->set);
	cset_norm(&n->set);
	return n;
}

static struct node *parse_alt(struct parser *);

static struct node *
parse_atom(struct parser *ps)
{
	struct node *n;
	long c;

	switch (*ps->p) {
	case '(':
		ps->p++;
		if (ps->p < ps->end && *ps->p == '?') {
			if (ps->p + 1 < ps->end && ps->p[1] == ':')
				ps->p += 2;
			else {
				perr(ps, "unsupported group syntax '(?'");
				return NULL;
			}
		}
		if (++ps->depth > RE_MAXDEPTH) {
			perr(ps, "groups nested too deeply");
			return NULL;
		}
		n = parse_alt(ps);
		ps->depth--;
		if (ps->failed)
			return n;
		if (ps->p >= ps->end || *ps->p != ')') {
			perr(ps, "missing ')'");
			return n;
		}
		ps->p++;
		return n;
	case '[':
		ps->p++;
		return parse_class(ps);
	case '.':
		ps->p++;
		n = node_new(N_SET, NULL, NULL);
		cset_add(&n->set, '\n', '\n');
		cset_complement(&n->set);
		return n;
	case '^':
		ps->p++;
		return node_new(N_BOL, NULL, NULL);
	case '$':
		ps->p++;
		return node_new(N_EOL, NULL, NULL);
	case '*': case '+': case '?': case '{':
		perr(ps, "nothing to repeat");
		return NULL;
	case '\\':
		ps->p++;
		n = node_new(N_SET, NULL, NULL);
		if ((c = parse_escape(ps, &n->set)) >= 0)
			cset_add(&n->set, (uint32_t)c, (uint32_t)c);
		cset_norm(&n->set);
		return n;
	default:
		if ((c = getcp(ps)) < 0) {
			perr(ps, "invalid UTF-8 in pattern");
			return NULL;
		}
		n = node_new(N_SET, NULL, NULL);
		cset_add(&n->set, (uint32_t)c, (uint32_t)c);
		return n;
	}
}

/* A decimal count inside {}; -1 if none. */
static int
parse_count(struct parser *ps)
{
	long v = -1;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
		v = (v < 0 ? 0 : v) * 10 + (*ps->p++ - '0');
		if (v > RE_MAXREP) {
			perr(ps, "repeat count too large");
			return -1;
		}
	}
	return (int)v;
}

static struct node *
parse_piece(struct parser *ps)
{
	struct node *atom, *n;
	int min, max;

	if ((atom = parse_atom(ps)) == NULL || ps->failed)
		return atom;
	if (ps->p >= ps->end)
		return atom;
	switch (*ps->p) {
	case '*':
		min = 0, max = -1;
		ps->p++;
		break;
	case '+':
		min = 1, max = -1;
		ps->p++;
		break;
	case '?':
		min = 0, max = 1;
		ps->p++;
		break;
	case '{':
		ps->p++;
		if ((min = parse_count(ps)) < 0) {
			perr(ps, "bad repeat count");
			return atom;
		}
		max = min;
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			max = parse_count(ps);
			if (ps->failed)
				return atom;
			if (max >= 0 && max < min) {
				perr(ps, "bad repeat range");
				return atom;
			}
		}
		if (ps->p >= ps->end || *ps->p != '}') {
			perr(ps, "bad repeat, missing '}'");
			return atom;
		}
		ps->p++;
		break;
	default:
		return atom;
	}
	if (atom->kind == N_BOL || atom->kind == N_EOL) {
		perr(ps, "nothing to repeat");
		return atom;
	}
	if (ps->p < ps->end && *ps->p == '?')	/* lazy: same language */
		ps->p++;
	if (ps->p < ps->end && (*ps->p == '*' || *ps->p == '+' ||
	    *ps->p == '?' || *ps->p == '{')) {
		perr(ps, "multiple repeat");
		return atom;
	}
	n = node_new(N_REP, atom, NULL);
	n->min = min;
	n->max = max;
	return n;
}

static struct node *
parse_cat(struct parser *ps)
{
	struct node *n = NULL, *p;

	while (ps->p < ps->end && *ps->p != '|' && *ps->p != ')') {
		p = parse_piece(ps);
		n = n == NULL ? p : node_new(N_CAT, n, p);
		if (ps->failed)
			return n;
	}
	return n != NULL ? n : node_new(N_EMPTY, NULL, NULL);
}

static struct node *
parse_alt(struct parser *ps)
{
	struct node *n = parse_cat(ps);

	while (!ps->failed && ps->p < ps->end && *ps->p == '|') {
		ps->p++;
		n = node_new(N_ALT, n, parse_cat(ps));
	}
	return n;
}

/* --- NFA ------------------------------------------------------------------ */

enum skind { S_BYTE, S_SPLIT, S_BOL, S_EOL, S_MATCH };

struct nstate {
	int		 kind;
	int		 out, out1;
	uint32_t	 bits[8];	/* S_BYTE: the bytes that move on */
};

struct dstate {
	int	*set;		/* sorted NFA states (bytes, match, eol) */
	int	 nset;
	int	 atstart;
	int	 accept;
	uint64_t hash;
};

struct pattern {
	struct nstate	*ns;
	size_t		 nns, capns;
	int		 start;
	int		 toobig;
	unsigned char	 cls[256];	/* byte -> equivalence class */
	unsigned char	 rep[256];	/* class -> a byte in it */
	int		 ncls;
	/* lazy DFA */
	struct dstate	*ds;
	size_t		 nds, capds;
	uint32_t	*trans;		/* [state * ncls + class]: the next
					   state * ncls; T_UNKNOWN */
	size_t		 captrans;
	int		*htab;		/* open addressing over ds; -1 empty */
	size_t		 hcap;
	int		 dstart, dead;
	/* scratch */
	int		*stack, *tmp, *tmp2;
	unsigned	*mark;
	unsigned	 gen;
};

#define T_UNKNOWN	0xFFFFFFFFu	/* in trans: not computed yet */
#define T_FULL		(-3)		/* from dfa_step: the cap */

static int
nstate_new(struct pattern *re, int kind, int out, int out1)
{
	struct nstate *s;

	if (re->nns >= RE_MAXNFA) {
		re->toobig = 1;
		return 0;
	}
	re->ns = xgrow(re->ns, &re->capns, re->nns + 1, sizeof(*re->ns));
	s = &re->ns[re->nns];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->out = out;
	s->out1 = out1;
	return (int)re->nns++;
}

static int
byte_range(struct pattern *re, unsigned lo, unsigned hi, int next)
{
	int k = nstate_new(re, S_BYTE, next, -1);
	unsigned b;

	if (re->toobig)
		return 0;
	for (b = lo; b <= hi; b++)
		re->ns[k].bits[b >> 5] |= 1u << (b & 31);
	return k;
}

static int
alt_add(struct pattern *re, int alt, int s)
{
	return alt < 0 ? s : nstate_new(re, S_SPLIT, s, alt);
}

/* k continuation bytes of any value, then next. */
static int
any_cont(struct pattern *re, int k, int next)
{
	while (k-- > 0)
		next = byte_range(re, 0x80, 0xBF, next);
	return next;
}

/*
 * The byte sequences from L to H (same length n, lexicographic order,
 * which for UTF-8 is code point order), from byte i on.
 */
static int
seq(struct pattern *re, const unsigned char *L, const unsigned char *H,
    int i, int n, int next)
{
	unsigned char l2[4], h2[4];
	int lfull = 1, hfull = 1, j, alt = -1;
	unsigned lo, hi;

	if (i == n - 1)
		return byte_range(re, L[i], H[i], next);
	if (L[i] == H[i])
		return byte_range(re, L[i], L[i], seq(re, L, H, i + 1, n,
		    next));
	for (j = i + 1; j < n; j++) {
		if (L[j] != 0x80)
			lfull = 0;
		if (H[j] != 0xBF)
			hfull = 0;
	}
	lo = lfull ? L[i] : L[i] + 1u;
	hi = hfull ? H[i] : H[i] - 1u;
	if (!lfull) {
		memcpy(h2, L, (size_t)n);
		for (j = i + 1; j < n; j++)
			h2[j] = 0xBF;
		alt = alt_add(re, alt, byte_range(re, L[i], L[i],
		    seq(re, L, h2, i + 1, n, next)));
	}
	if (lo <= hi)
		alt = alt_add(re, alt, byte_range(re, lo, hi,
		    any_cont(re, n - 1 - i, next)));
	if (!hfull) {
		memcpy(l2, H, (size_t)n);
		for (j = i + 1; j < n; j++)
			l2[j] = 0x80;
		alt = alt_add(re, alt, byte_range(re, H[i], H[i],
		    seq(re, l2, H, i + 1, n, next)));
	}
	return alt;
}

static int
compile_set(struct pattern *re, const struct cset *cs, int next)
{
	static const struct range len[] = {
		{ 0x80, 0x7FF }, { 0x800, 0xD7FF }, { 0xE000, 0xFFFF },
		{ 0x10000, CP_MAX }
	};
	unsigned char L[4], H[4];
	uint32_t ascii[8] = { 0 };
	uint32_t lo, hi, b;
	int alt = -1, hasascii = 0, k, n;
	size_t i, j;

	for (i = 0; i < cs->n; i++) {
		lo = cs->r[i].lo;
		hi = cs->r[i].hi;
		if (lo < 0x80) {
			for (b = lo; b <= hi && b < 0x80; b++)
				if (b != 0)	/* NUL never matches */
					ascii[b >> 5] |= 1u << (b & 31);
			hasascii = 1;
			if (hi < 0x80)
				continue;
			lo = 0x80;
		}
		for (j = 0; j < sizeof(len) / sizeof(len[0]); j++) {
			uint32_t a = lo > len[j].lo ? lo : len[j].lo;
			uint32_t z = hi < len[j].hi ? hi : len[j].hi;

			if (a > z)
				continue;
			n = (int)utf8_put((int32_t)a, (char *)L);
			utf8_put((int32_t)z, (char *)H);
			alt = alt_add(re, alt, seq(re, L, H, 0, n, next));
		}
	}
	if (hasascii || alt < 0) {
		k = nstate_new(re, S_BYTE, next, -1);
		if (!re->toobig)
			memcpy(re->ns[k].bits, ascii, sizeof(ascii));
		alt = alt_add(re, alt, k);
	}
	return alt;
}

static int
compile_node(struct pattern *re, const struct node *n, int next)
{
	int s, t, i;

	if (re->toobig)
		return 0;
	switch (n->kind) {
	case N_EMPTY:
		return next;
	case N_SET:
		return compile_set(re, &n->set, next);
	case N_CAT:
		return compile_node(re, n->a, compile_node(re, n->b, next));
	case N_ALT:
		s = compile_node(re, n->a, next);
		return nstate_new(re, S_SPLIT, s, compile_node(re, n->b,
		    next));
	case N_BOL:
		return nstate_new(re, S_BOL, next, -1);
	case N_EOL:
		return nstate_new(re, S_EOL, next, -1);
	case N_REP:
		t = next;
		if (n->max < 0) {
			s = nstate_new(re, S_SPLIT, -1, next);
			if (re->toobig)
				return 0;
			t = compile_node(re, n->a, s);
			if (re->toobig)
				return 0;
			re->ns[s].out = t;	/* after: compile moves ns */
			t = s;
		} else
			for (i = n->min; i < n->max; i++)
				t = nstate_new(re, S_SPLIT,
				    compile_node(re, n->a, t), next);
		for (i = 0; i < n->min; i++)
			t = compile_node(re, n->a, t);
		return t;
	}
	return next;
}

/* --- DFA ------------------------------------------------------------------ */

static int
intcmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The states reachable from seeds[0..n) without consuming a byte, into
 * out (sorted); BOL edges are followed only atstart, EOL edges only
 * atend (otherwise the EOL state itself is kept, waiting).
 */
static int
closure(struct pattern *re, const int *seeds, int n, int atstart, int atend,
    int *out)
{
	int sp = 0, nout = 0, k, i;

	if (++re->gen == 0) {
		memset(re->mark, 0, re->nns * sizeof(*re->mark));
		re->gen = 1;
	}
	for (i = 0; i < n; i++)
		re->stack[sp++] = seeds[i];
	while (sp > 0) {
		k = re->stack[--sp];
		if (re->mark[k] == re->gen)
			continue;
		re->mark[k] = re->gen;
		switch (re->ns[k].kind) {
		case S_BYTE:
		case S_MATCH:
			out[nout++] = k;
			break;
		case S_SPLIT:
			re->stack[sp++] = re->ns[k].out1;
			re->stack[sp++] = re->ns[k].out;
			break;
		case S_BOL:
			if (atstart)
				re->stack[sp++] = re->ns[k].out;
			break;
		case S_EOL:
			if (atend)
				re->stack[sp++] = re->ns[k].out;
			else
				out[nout++] = k;
			break;
		}
	}
	qsort(out, (size_t)nout, sizeof(*out), intcmp);
	return nout;
}

static int
has_match(const struct pattern *re, const int *set, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (re->ns[set[i]].kind == S_MATCH)
			return 1;
	return 0;
}

static uint64_t
set_hash(const int *set, int n, int atstart)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)atstart;
	int i;

	for (i = 0; i < n; i++) {
		h ^= (uint64_t)(unsigned)set[i];
		h *= 0x100000001B3ull;
		h ^= h >> 29;
	}
	return h;
}

static void
htab_insert(struct pattern *re, int d)
{
	size_t m = re->hcap - 1, i = (size_t)re->ds[d].hash & m;

	while (re->htab[i] >= 0)
		i = (i + 1) & m;
	re->htab[i] = d;
}

/* The DFA state for set/atstart, made if new; T_FULL at the cap. */
static int
dstate_get(struct pattern *re, const int *set, int n, int atstart)
{
	uint64_t h = set_hash(set, n, atstart);
	size_t m, i, j;
	struct dstate *d;
	int k, nacc;

	if (re->hcap != 0) {
		m = re->hcap - 1;
		for (i = (size_t)h & m; re->htab[i] >= 0; i = (i + 1) & m) {
			d = &re->ds[re->htab[i]];
			if (d->hash == h && d->nset == n &&
			    d->atstart == atstart &&
			    memcmp(d->set, set, (size_t)n * sizeof(int)) == 0)
				return re->htab[i];
		}
	}
	if (re->nds >= RE_MAXDFA)
		return T_FULL;
	re->ds = xgrow(re->ds, &re->capds, re->nds + 1, sizeof(*re->ds));
	k = (int)re->nds++;
	d = &re->ds[k];
	d->set = xmalloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	memcpy(d->set, set, (size_t)n * sizeof(int));
	d->nset = n;
	d->atstart = atstart;
	d->hash = h;
	nacc = closure(re, d->set, n, atstart, 1, re->tmp2);
	d->accept = has_match(re, re->tmp2, nacc);
	re->trans = xgrow(re->trans, &re->captrans,
	    re->nds * (size_t)re->ncls, sizeof(*re->trans));
	for (j = 0; j < (size_t)re->ncls; j++)
		re->trans[(size_t)k * re->ncls + j] = T_UNKNOWN;
	if (re->nds * 2 > re->hcap) {
		size_t ncap = re->hcap ? re->hcap * 2 : 64;

		free(re->htab);
		re->htab = xmalloc(ncap * sizeof(*re->htab));
		re->hcap = ncap;
		for (i = 0; i < ncap; i++)
			re->htab[i] = -1;
		for (i = 0; i < re->nds; i++)
			htab_insert(re, (int)i);
	} else
		htab_insert(re, k);
	return k;
}

/* Seeds after consuming byte b from the NFA states in set. */
static int
step_seeds(const struct pattern *re, const int *set, int n, unsigned b,
    int *out)
{
	int i, nout = 0;

	for (i = 0; i < n; i++) {
		const struct nstate *s = &re->ns[set[i]];

		if (s->kind == S_BYTE && (s->bits[b >> 5] >> (b & 31) & 1))
			out[nout++] = s->out;
	}
	return nout;
}

static int
dfa_step(struct pattern *re, int d, int c)
{
	int n, t;

	n = step_seeds(re, re->ds[d].set, re->ds[d].nset, re->rep[c],
	    re->tmp);
	n = closure(re, re->tmp, n, 0, 0, re->tmp2);
	t = dstate_get(re, re->tmp2, n, 0);
	if (t >= 0)
		re->trans[(size_t)d * re->ncls + c] = (uint32_t)(t * re->ncls);
	return t;
}

/* The slow path, when the DFA grew too big: simulate the NFA. */
static int
nfa_match(struct pattern *re, const unsigned char *s, size_t len)
{
	int *cur = xmalloc(re->nns * sizeof(int));
	int n, seed = re->start, r;
	size_t i;

	n = closure(re, &seed, 1, 1, 0, cur);
	for (i = 0; i < len && n > 0; i++) {
		n = step_seeds(re, cur, n, s[i], re->tmp);
		n = closure(re, re->tmp, n, 0, 0, cur);
	}
	n = closure(re, cur, n, len == 0, 1, re->tmp2);
	r = has_match(re, re->tmp2, n);
	free(cur);
	return r;
}

static void
make_classes(struct pattern *re)
{
	unsigned char next[256];
	int map[512], n, b, key;
	size_t k;

	memset(re->cls, 0, sizeof(re->cls));
	re->ncls = 1;
	for (k = 0; k < re->nns; k++) {
		if (re->ns[k].kind != S_BYTE)
			continue;
		for (b = 0; b < 512; b++)
			map[b] = -1;
		n = 0;
		for (b = 0; b < 256; b++) {
			key = re->cls[b] * 2 +
			    (int)(re->ns[k].bits[b >> 5] >> (b & 31) & 1);
			if (map[key] < 0)
				map[key] = n++;
			next[b] = (unsigned char)map[key];
		}
		memcpy(re->cls, next, sizeof(next));
		re->ncls = n;
	}
	for (b = 255; b >= 0; b--)
		re->rep[re->cls[b]] = (unsigned char)b;
}

struct pattern *
pattern_compile(const char *pattern, char *err, size_t errlen)
{
	struct parser ps;
	struct pattern *re;
	struct node *root;
	int match, seed, n;
	size_t i;

	ps.begin = ps.p = (const unsigned char *)pattern;
	ps.end = ps.p + strlen(pattern);
	ps.err = err;
	ps.errlen = errlen;
	ps.depth = 0;
	ps.failed = 0;
	root = parse_alt(&ps);
	if (!ps.failed && ps.p < ps.end)
		perr(&ps, "unbalanced ')'");
	if (ps.failed) {
		node_free(root);
		return NULL;
	}
	re = xcalloc(1, sizeof(*re));
	match = nstate_new(re, S_MATCH, -1, -1);
	re->start = compile_node(re, root, match);
	node_free(root);
	if (re->toobig) {
		snprintf(err, errlen, "pattern too large (over %d states)",
		    RE_MAXNFA);
		pattern_free(re);
		return NULL;
	}
	make_classes(re);
	re->stack = xmalloc((re->nns * 3 + 1) * sizeof(int));
	re->tmp = xmalloc(re->nns * sizeof(int) + sizeof(int));
	re->tmp2 = xmalloc(re->nns * sizeof(int) + sizeof(int));
	re->mark = xcalloc(re->nns, sizeof(*re->mark));
	n = closure(re, (int[]){ 0 }, 0, 1, 0, re->tmp2);	/* empty set */
	re->dead = dstate_get(re, re->tmp2, n, 0);
	for (i = 0; i < (size_t)re->ncls; i++)
		re->trans[(size_t)re->dead * re->ncls + i] =
		    (uint32_t)(re->dead * re->ncls);
	seed = re->start;
	n = closure(re, &seed, 1, 1, 0, re->tmp2);
	re->dstart = dstate_get(re, re->tmp2, n, 1);
	return re;
}

int
pattern_match(struct pattern *re, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	const unsigned char *cls = re->cls;
	const uint32_t ncls = (uint32_t)re->ncls;
	const uint32_t *trans = re->trans;
	uint32_t d = (uint32_t)re->dstart * ncls, t;
	int k;

	/*
	 * d is a state's offset in trans (state * ncls), as are the known
	 * transitions; the dead state loops on itself.
	 */
	for (; p < end; p++) {
		t = trans[d + cls[*p]];
		if (t == T_UNKNOWN) {
			k = dfa_step(re, (int)(d / ncls), cls[*p]);
			if (k == T_FULL)
				return nfa_match(re, (const unsigned char *)s,
				    n);
			trans = re->trans;
			if (k == re->dead)
				return 0;
			t = (uint32_t)k * ncls;
		}
		d = t;
	}
	return re->ds[d / ncls].accept;
}

void
pattern_free(struct pattern *re)
{
	size_t i;

	if (re == NULL)
		return;
	for (i = 0; i < re->nds; i++)
		free(re->ds[i].set);
	free(re->ds);
	free(re->trans);
	free(re->htab);
	free(re->ns);
	free(re->stack);
	free(re->tmp);
	free(re->tmp2);
	free(re->mark);
	free(re);
}
