/*
 * relate_pattern: the pattern language of the relation rules.  A
 * pattern is parsed into an AST (words, slots, gaps, groups and
 * classes) and compiled into a small graph of nodes (literal, slot,
 * gap, alternation, end), with the filters tried before matching: what
 * a match can start with and what every match holds.  The words of the
 * patterns are folded and interned: units carry the id of theirs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/relate_int.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/xalloc.h"

/* --- AST --------------------------------------------------------------- */

static void
aseq_release(struct aseq *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		rel_ast_free(s->e[i]);
	free(s->e);
}

void
rel_ast_free(struct ast *a)
{
	size_t i;

	if (a == NULL || a->shared)
		return;
	free(a->word);
	for (i = 0; i < a->nbr; i++)
		aseq_release(&a->br[i]);
	free(a->br);
	free(a);
}

static void
aseq_add(struct aseq *s, struct ast *a)
{
	s->e = xgrow(s->e, &s->cap, s->n + 1, sizeof(*s->e));
	s->e[s->n++] = a;
}

static void
perr(struct parser *ps, const char *msg)
{
	if (!ps->err)
		diag(DIAG_USAGE, ps->file, ps->line, "%s near '%.20s'", msg,
		    ps->p);
	ps->err = 1;
}

static void
skipbl(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static int
isstruct(int c)
{
	return c == '(' || c == ')' || c == '[' || c == ']' || c == '|' ||
	    c == '{' || c == '}' || c == ' ' || c == '\t' || c == '\0';
}

/* Fold a literal: ASCII lowercase, typographic apostrophes to '\''. */
/*
 * Fold s[0..n) into o (room for n + 1 bytes); returns the length and
 * sets *hw to its hash_fnv1a() when hw is not NULL.
 */
size_t
rel_fold_into(char *o, const char *s, size_t n, uint64_t *hw)
{
	uint64_t h = HASH_FNV1A_BASIS;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 ||
		    (unsigned char)s[i + 2] == 0x98)) {
			o[k++] = '\'';
			i += 2;
		} else if (c >= 'A' && c <= 'Z')
			o[k++] = (char)(c - 'A' + 'a');
		else
			o[k++] = (char)c;
		h = hash_fnv1a_byte(h, (unsigned char)o[k - 1]);
	}
	o[k] = '\0';
	if (hw != NULL)
		*hw = h;
	return k;
}

char *
rel_fold(const char *s, size_t n)
{
	char *o = xmalloc(n + 1);

	rel_fold_into(o, s, n, NULL);
	return o;
}

static int all_literals(const struct ast *);

/* A plain uncaptured slot of a single unit: entity, DATE or NUM. */
static int
plain_slot(const struct ast *a)
{
	return a->type == A_SLOT && a->cap < 0 && !a->list && !a->opt &&
	    a->st != ST_KIND && a->st != ST_STATUS;
}

static struct ast *new_ast(enum atype);
static void aseq_add(struct aseq *, struct ast *);

/* A private copy of a group of words and plain slots. */
static struct ast *
ast_copy(const struct ast *a)
{
	struct ast *c = new_ast(a->type);
	size_t i;

	c->st = a->st;
	c->cap = a->cap;
	if (a->word != NULL)
		c->word = xstrdup(a->word);
	if (a->nbr > 0) {
		c->br = xcalloc(a->nbr, sizeof(*c->br));
		c->nbr = a->nbr;
		for (i = 0; i < a->nbr; i++)
			aseq_add(&c->br[i], ast_copy(a->br[i].e[0]));
	}
	return c;
}

/* What "!" may take: a word, a plain slot, or a group of these. */
static int
neg_ok(const struct ast *a)
{
	size_t i;

	if (a->type == A_LIT)
		return !a->opt;
	if (plain_slot(a))
		return 1;
	if (a->type != A_GROUP || a->opt)
		return 0;
	for (i = 0; i < a->nbr; i++)
		if (a->br[i].n != 1 || (!plain_slot(a->br[i].e[0]) &&
		    (a->br[i].e[0]->type != A_LIT || a->br[i].e[0]->opt)))
			return 0;
	return 1;
}

static struct ast *
new_ast(enum atype t)
{
	struct ast *a = xcalloc(1, sizeof(*a));

	a->type = t;
	a->cap = -1;
	return a;
}

static struct ast *
parse_slot(struct parser *ps)
{
	const char *s = ++ps->p, *e = strchr(s, '}'), *colon, *t;
	struct ast *a;
	size_t n;
	int st, cap = -1, list = 0;

	if (e == NULL) {
		perr(ps, "unclosed '{'");
		return NULL;
	}
	colon = memchr(s, ':', (size_t)(e - s));
	t = colon != NULL ? colon + 1 : s;
	n = (size_t)(e - t);
	if (n > 0 && t[n - 1] == '+') {
		list = 1;
		n--;
	}
	if ((st = rel_lookup(rel_stype_names, t, n)) < 0) {
		perr(ps, "unknown slot type");
		return NULL;
	}
	if (colon != NULL &&
	    (cap = rel_lookup(rel_cap_names, s, (size_t)(colon - s))) < 0) {
		perr(ps, "unknown capture name");
		return NULL;
	}
	if (list && st >= ST_DATE) {
		perr(ps, "only entity slots take '+'");
		return NULL;
	}
	a = new_ast(A_SLOT);
	a->st = (enum stype)st;
	a->cap = cap;
	a->list = list;
	ps->p = e + 1;
	return a;
}

static struct ast *
parse_class_ref(struct parser *ps)
{
	const char *s = ++ps->p;
	size_t n = 0, i;

	while (!isstruct(s[n]) && s[n] != '?')
		n++;
	ps->p = s + n;
	for (i = ps->R->ncls; i > 0; i--)
		if (strlen(ps->R->cls[i - 1].name) == n &&
		    strncmp(ps->R->cls[i - 1].name, s, n) == 0)
			return ps->R->cls[i - 1].ast;
	perr(ps, "unknown class (classes must be defined before use)");
	return NULL;
}

static struct ast *
parse_gap(struct parser *ps)
{
	struct ast *a = new_ast(A_GAP);
	char *end;
	long v;

	ps->p++;
	if (*ps->p == '~') {
		a->any = 1;
		ps->p++;
	}
	v = strtol(ps->p, &end, 10);
	if (end == ps->p || v < 1 || v > GAP_MAX) {
		free(a);
		perr(ps, "gap '~N' needs N in 1-40");
		return NULL;
	}
	a->max = (int)v;
	ps->p = end;
	return a;
}

static struct ast *
parse_literal(struct parser *ps)
{
	struct buf b;
	struct ast *a;

	buf_init(&b);
	while (!isstruct(*ps->p)) {
		if (*ps->p == '\\' && ps->p[1] != '\0')
			ps->p++;
		else if (*ps->p == '?' && b.len > 0 && isstruct(ps->p[1]))
			break;
		buf_addc(&b, *ps->p++);
	}
	if (b.len == 0) {
		buf_release(&b);
		perr(ps, "empty literal");
		return NULL;
	}
	a = new_ast(A_LIT);
	a->word = rel_fold(b.s, b.len);
	buf_release(&b);
	return a;
}

/*
 * Is the '&' at p a lookahead ("&(belong | belongs)")?  Followed by a
 * blank, a closing bracket or '|' it is the word "&".
 */
static int
amp_look(const char *p)
{
	return *p == '&' && p[1] != ' ' && p[1] != '\t' && p[1] != '\0' &&
	    p[1] != ')' && p[1] != ']' && p[1] != '}' && p[1] != '|';
}

static struct ast *
parse_elem(struct parser *ps)
{
	struct ast *a;
	int look;

	switch (amp_look(ps->p) ? '!' : *ps->p) {
	case '!':
		/* "!X": X must not follow; "&X": X must follow */
		look = *ps->p == '&' ? 2 : 1;
		ps->p++;
		if (*ps->p == '(') {
			ps->p++;
			a = rel_parse_group(ps, ')');
		} else if (*ps->p == '{')
			a = parse_slot(ps);
		else if (*ps->p == '@') {
			/* a class of single words: a copy to mark */
			const struct ast *c = parse_class_ref(ps);

			a = c != NULL && neg_ok(c) ? ast_copy(c) : NULL;
			if (c != NULL && a == NULL)
				perr(ps, look == 2 ? "'&@' takes a class of "
				    "single words" : "'!@' takes a class of "
				    "single words");
			if (a == NULL)
				return NULL;
		} else
			a = parse_literal(ps);
		if (a != NULL && !neg_ok(a)) {
			rel_ast_free(a);
			a = NULL;
			perr(ps, look == 2 ? "'&' takes a word, a group of "
			    "words or an uncaptured entity, DATE or NUM slot" :
			    "'!' takes a word, a group of words or an "
			    "uncaptured entity, DATE or NUM slot");
		}
		if (a != NULL)
			a->neg = look;
		return a;
	case '(':
		ps->p++;
		a = rel_parse_group(ps, ')');
		break;
	case '[':
		ps->p++;
		a = rel_parse_group(ps, ']');
		if (a != NULL)
			a->opt = 1;
		break;
	case '{':
		a = parse_slot(ps);
		break;
	case '@':
		a = parse_class_ref(ps);
		break;
	case '~':
		a = parse_gap(ps);
		break;
	default:
		a = parse_literal(ps);
		break;
	}
	if (a != NULL && *ps->p == '?') {
		ps->p++;
		if (a->shared) {	/* wrap a class to make it optional */
			struct ast *g = new_ast(A_GROUP);

			g->br = xcalloc(1, sizeof(*g->br));
			g->nbr = 1;
			aseq_add(&g->br[0], a);
			a = g;
		}
		a->opt = 1;
	}
	return a;
}

/* Alternatives up to close (')' or ']', or '\0' at the top). */
struct ast *
rel_parse_group(struct parser *ps, int close)
{
	struct ast *g = new_ast(A_GROUP);
	size_t capbr = 0;

	for (;;) {
		struct aseq *s;

		g->br = xgrow(g->br, &capbr, g->nbr + 1, sizeof(*g->br));
		s = &g->br[g->nbr++];
		memset(s, 0, sizeof(*s));
		for (;;) {
			struct ast *a;

			skipbl(ps);
			if (*ps->p == '|' || *ps->p == close ||
			    *ps->p == '\0' ||
			    *ps->p == ')' || *ps->p == ']')
				break;
			if ((a = parse_elem(ps)) == NULL)
				goto fail;
			aseq_add(s, a);
		}
		if (s->n == 0) {
			perr(ps, "empty alternative");
			goto fail;
		}
		if (*ps->p != '|')
			break;
		ps->p++;
	}
	if (*ps->p != close) {
		perr(ps, close == '\0' ? "unbalanced bracket" :
		    "missing closing bracket");
		goto fail;
	}
	if (close != '\0')
		ps->p++;
	return g;
fail:
	rel_ast_free(g);
	return NULL;
}

/* --- compiling --------------------------------------------------------- */

static int
pat_node(struct pat *p, enum ntype t, int next)
{
	struct node *nd;

	p->n = xgrow(p->n, &p->cap, p->nn + 1, sizeof(*p->n));
	nd = &p->n[p->nn];
	memset(nd, 0, sizeof(*nd));
	nd->type = t;
	nd->next = next;
	return (int)p->nn++;
}

static int compile_seq(struct pat *, const struct aseq *, int next);

/* 1 if every alternative of g is one plain literal: one N_LIT node. */
static int
all_literals(const struct ast *g)
{
	size_t i;

	for (i = 0; i < g->nbr; i++)
		if (g->br[i].n != 1 || g->br[i].e[0]->type != A_LIT ||
		    g->br[i].e[0]->opt)
			return 0;
	return 1;
}

static int
compile_elem(struct pat *p, const struct ast *a, int next)
{
	int self = -1;
	size_t i;

	if (a->neg) {	/* a lookahead: words and slot types in one node */
		const struct ast *const *br = &a;
		size_t nb = 1;

		self = pat_node(p, N_LIT, next);
		p->n[self].neg = a->neg;
		if (a->type == A_GROUP)
			nb = a->nbr;
		p->n[self].w = xcalloc(nb, sizeof(char *));
		for (i = 0; i < nb; i++) {
			const struct ast *e = a->type == A_GROUP ?
			    a->br[i].e[0] : br[0];

			if (e->type == A_LIT)
				p->n[self].w[p->n[self].nw++] = e->word;
			else
				p->n[self].negst |= 1u << e->st;
		}
		return self;
	}
	switch (a->type) {
	case A_LIT:
		self = pat_node(p, N_LIT, next);
		p->n[self].w = xmalloc(sizeof(char *));
		p->n[self].w[0] = a->word;
		p->n[self].nw = 1;
		p->n[self].neg = a->neg;
		break;
	case A_SLOT:
		self = pat_node(p, N_SLOT, next);
		p->n[self].cap = a->cap;
		p->n[self].st = a->st;
		p->n[self].list = a->list;
		if (a->cap >= 0)
			p->caps |= 1u << a->cap;
		p->slots++;
		break;
	case A_GAP:
		self = pat_node(p, N_GAP, next);
		p->n[self].max = a->max;
		p->n[self].any = a->any;
		break;
	case A_GROUP:
		if (a->nbr == 1 && !a->neg) {
			self = compile_seq(p, &a->br[0], next);
			break;
		}
		if (all_literals(a)) {
			self = pat_node(p, N_LIT, next);
			p->n[self].w = xcalloc(a->nbr, sizeof(char *));
			for (i = 0; i < a->nbr; i++)
				p->n[self].w[i] = a->br[i].e[0]->word;
			p->n[self].nw = a->nbr;
			p->n[self].neg = a->neg;
			break;
		}
		{
			int *alt = xcalloc(a->nbr, sizeof(int));

			for (i = 0; i < a->nbr; i++)
				alt[i] = compile_seq(p, &a->br[i], next);
			self = pat_node(p, N_ALT, -1);
			p->n[self].alt = alt;
			p->n[self].nalt = a->nbr;
		}
		break;
	}
	if (a->opt) {
		int alt = pat_node(p, N_ALT, -1);

		p->n[alt].alt = xcalloc(2, sizeof(int));
		p->n[alt].alt[0] = self;
		p->n[alt].alt[1] = next;
		p->n[alt].nalt = 2;
		self = alt;
	}
	return self;
}

static int
compile_seq(struct pat *p, const struct aseq *s, int next)
{
	size_t i;

	for (i = s->n; i > 0; i--)
		next = compile_elem(p, s->e[i - 1], next);
	return next;
}

/* The id of folded word w whose hash_fnv1a() is hw, or -1 if none. */
int
rel_word_find_h(const struct relate *R, const char *w, uint64_t hw)
{
	size_t h;
	int id;

	if (R->wsize == 0)
		return -1;
	for (h = hw & (R->wsize - 1); R->wslot[h] != 0;
	    h = (h + 1) & (R->wsize - 1)) {
		id = R->wslot[h] - 1;
		if (R->whash[id] == hw && strcmp(R->word[id], w) == 0)
			return id;
	}
	return -1;
}

/* The id of a folded word, or -1 if no pattern has it. */
int
rel_word_find(const struct relate *R, const char *w)
{
	return rel_word_find_h(R, w, hash_fnv1a(w, strlen(w)));
}

int
rel_word_intern(struct relate *R, const char *w)
{
	size_t h, i;
	int id = rel_word_find(R, w);

	if (id >= 0)
		return id;
	R->whash = xgrow(R->whash, &R->capwhash, R->nword + 1,
	    sizeof(*R->whash));
	R->whash[R->nword] = hash_fnv1a(w, strlen(w));
	R->word = xgrow(R->word, &R->capword, R->nword + 1, sizeof(*R->word));
	R->word[R->nword++] = xstrdup(w);
	if (R->nword * 2 > R->wsize) {
		free(R->wslot);
		R->wsize = R->wsize == 0 ? 256 : R->wsize * 2;
		R->wslot = xcalloc(R->wsize, sizeof(*R->wslot));
		for (i = 0; i < R->nword; i++) {
			for (h = R->whash[i] & (R->wsize - 1);
			    R->wslot[h] != 0; h = (h + 1) & (R->wsize - 1))
				;
			R->wslot[h] = (int)i + 1;
		}
	} else {
		for (h = R->whash[R->nword - 1] & (R->wsize - 1);
		    R->wslot[h] != 0; h = (h + 1) & (R->wsize - 1))
			;
		R->wslot[h] = (int)R->nword;
	}
	return (int)R->nword - 1;
}

static int
cmpint(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* Literal nodes: whole words to sorted ids, "word*" to prefixes. */
void
rel_pat_finalize(struct relate *R, struct pat *p)
{
	size_t i, j;

	for (i = 0; i < p->nn; i++) {
		struct node *nd = &p->n[i];

		if (nd->type != N_LIT || nd->nw == 0)
			continue;
		nd->wid = xcalloc(nd->nw, sizeof(*nd->wid));
		nd->pfx = xcalloc(nd->nw, sizeof(*nd->pfx));
		nd->pfxn = xcalloc(nd->nw, sizeof(*nd->pfxn));
		for (j = 0; j < nd->nw; j++) {
			size_t n = strlen(nd->w[j]);

			if (n > 1 && nd->w[j][n - 1] == '*') {
				nd->pfxn[nd->npfx] = n - 1;
				nd->pfx[nd->npfx++] = nd->w[j];
			} else
				nd->wid[nd->nwid++] =
				    rel_word_intern(R, nd->w[j]);
		}
		qsort(nd->wid, nd->nwid, sizeof(*nd->wid), cmpint);
	}
}

static int
cmpaltkey(const void *a, const void *b)
{
	const struct altkey *x = a, *y = b;

	if (x->wid != y->wid)
		return x->wid < y->wid ? -1 : 1;
	return x->br < y->br ? -1 : x->br > y->br;
}

/* A word node that matches nothing but its words (see struct node). */
static int
plain_lit(const struct node *nd)
{
	return nd->type == N_LIT && !nd->neg && nd->npfx == 0;
}

/* Index the branches of the alternations of p (struct node: ak). */
void
rel_pat_altindex(struct pat *p)
{
	size_t i, k, j, cap;

	for (i = 0; i < p->nn; i++) {
		struct node *nd = &p->n[i];

		if (nd->type != N_ALT)
			continue;
		cap = 0;
		nd->aother = xcalloc(nd->nalt + 1, sizeof(*nd->aother));
		for (k = 0; k < nd->nalt; k++) {
			const struct node *b = &p->n[nd->alt[k]];

			if (!plain_lit(b)) {
				nd->aother[nd->naother++] = (int)k;
				continue;
			}
			for (j = 0; j < b->nwid; j++) {
				nd->ak = xgrow(nd->ak, &cap, nd->nak + 1,
				    sizeof(*nd->ak));
				nd->ak[nd->nak].wid = b->wid[j];
				nd->ak[nd->nak].br = (int)k;
				nd->nak++;
			}
		}
		if (nd->nak > 1)
			qsort(nd->ak, nd->nak, sizeof(*nd->ak), cmpaltkey);
	}
}

/* Gather what the match from node ni can start with into p->first. */
static void
pat_first_at(struct pat *p, int ni, int depth)
{
	const struct node *nd = &p->n[ni];
	size_t i;

	if (depth > 64) {
		p->first |= FIRST_ANY;
		return;
	}
	switch (nd->type) {
	case N_END:
	case N_GAP:
		p->first |= FIRST_ANY;
		break;
	case N_ALT:
		for (i = 0; i < nd->nalt; i++)
			pat_first_at(p, nd->alt[i], depth + 1);
		break;
	case N_LIT:
		if (nd->neg) {
			pat_first_at(p, nd->next, depth + 1);
			break;
		}
		if (nd->npfx > 0) {
			p->first |= FIRST_ANY;
			break;
		}
		p->first |= FIRST_WORD;
		for (i = 0; i < nd->nwid; i++) {
			p->fwid = xgrow(p->fwid, &p->capfwid, p->nfwid + 1,
			    sizeof(*p->fwid));
			p->fwid[p->nfwid++] = nd->wid[i];
		}
		break;
	case N_SLOT:
		if (nd->list)	/* fillers may come first */
			p->first |= FIRST_LIST;
		else if (nd->st == ST_KIND)
			p->first |= FIRST_KIND;
		else if (nd->st == ST_STATUS)
			p->first |= FIRST_STATUS;
		else if (nd->st == ST_DATE)
			p->first |= FIRST_DATE;
		else if (nd->st == ST_NUM)
			p->first |= FIRST_NUM;
		else
			p->first |= FIRST_ENT;
		break;
	}
}

void
rel_pat_first(struct pat *p)
{
	p->first = 0;
	p->nfwid = 0;
	pat_first_at(p, p->start, 0);
	if (p->nfwid > 0)
		qsort(p->fwid, p->nfwid, sizeof(*p->fwid), cmpint);
}

/*
 * The requirements of the matches from each node of a pattern, found
 * once at load.  A word node adds its words (unless it has a prefix
 * "sign*"), a slot node its type; a lookahead or a gap adds nothing.
 * An alternation keeps what all its branches require and adds one
 * requirement joining a further one of each branch, when each has one.
 */
struct reqb {
	const struct pat *p;
	struct req	*a;		/* the requirements; index = id */
	size_t		 na, capa;
	int		**at;		/* node -> ids */
	size_t		*nat, *capat;
	char		*done;
};

static int
reqb_new(struct reqb *b, unsigned st, const int *wid, size_t nwid)
{
	struct req *r;

	b->a = xgrow(b->a, &b->capa, b->na + 1, sizeof(*b->a));
	r = &b->a[b->na];
	r->st = st;
	r->nwid = nwid;
	r->wid = xcalloc(nwid + 1, sizeof(*r->wid));
	if (nwid > 0)
		memcpy(r->wid, wid, nwid * sizeof(*wid));
	return (int)b->na++;
}

static void
reqb_push(struct reqb *b, int ni, int id)
{
	b->at[ni] = xgrow(b->at[ni], &b->capat[ni], b->nat[ni] + 1,
	    sizeof(**b->at));
	b->at[ni][b->nat[ni]++] = id;
}

static int
reqb_has(const struct reqb *b, int ni, int id)
{
	size_t i;

	for (i = 0; i < b->nat[ni]; i++)
		if (b->at[ni][i] == id)
			return 1;
	return 0;
}

/* A new requirement: any of the requirements ids[0..n). */
static int
reqb_join(struct reqb *b, const int *ids, size_t n)
{
	unsigned st = 0;
	int *w = NULL;
	size_t nw = 0, capw = 0, i, j, k;
	int id;

	for (i = 0; i < n; i++) {
		const struct req *r = &b->a[ids[i]];

		/* ids index b->a, which is not NULL then */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		st |= r->st;
		for (j = 0; j < r->nwid; j++) {
			w = xgrow(w, &capw, nw + 1, sizeof(*w));
			w[nw++] = r->wid[j];
		}
	}
	if (nw > 0)
		qsort(w, nw, sizeof(*w), cmpint);
	for (i = k = 0; i < nw; i++)
		if (k == 0 || w[k - 1] != w[i])
			w[k++] = w[i];
	id = reqb_new(b, st, w, k);
	free(w);
	return id;
}

static void
reqb_at(struct reqb *b, int ni)
{
	const struct node *nd = &b->p->n[ni];
	size_t i, k;
	int own = -1, *pick;

	if (b->done[ni])
		return;
	b->done[ni] = 1;
	switch (nd->type) {
	case N_END:
		return;
	case N_GAP:
		break;
	case N_LIT:
		if (!nd->neg && nd->npfx == 0 && nd->nwid > 0)
			own = reqb_new(b, 0, nd->wid, nd->nwid);
		break;
	case N_SLOT:
		own = reqb_new(b, 1u << nd->st, NULL, 0);
		break;
	case N_ALT:
		if (nd->nalt == 0)
			return;
		for (k = 0; k < nd->nalt; k++)
			reqb_at(b, nd->alt[k]);
		/* what every branch requires */
		for (i = 0; i < b->nat[nd->alt[0]]; i++) {
			int id = b->at[nd->alt[0]][i];

			for (k = 1; k < nd->nalt; k++)
				if (!reqb_has(b, nd->alt[k], id))
					break;
			if (k == nd->nalt)
				reqb_push(b, ni, id);
		}
		/* and one of the others of each branch */
		pick = xcalloc(nd->nalt, sizeof(*pick));
		for (k = 0; k < nd->nalt; k++) {
			for (i = 0; i < b->nat[nd->alt[k]]; i++)
				if (!reqb_has(b, ni, b->at[nd->alt[k]][i]))
					break;
			if (i == b->nat[nd->alt[k]])
				break;
			pick[k] = b->at[nd->alt[k]][i];
		}
		if (k == nd->nalt) {
			own = reqb_join(b, pick, nd->nalt);
			reqb_push(b, ni, own);
		}
		free(pick);
		return;
	}
	if (own >= 0)
		reqb_push(b, ni, own);
	reqb_at(b, nd->next);
	for (i = 0; i < b->nat[nd->next]; i++)
		reqb_push(b, ni, b->at[nd->next][i]);
}

/* Those with slot types first, then the fewest words first. */
static int
cmpreq(const void *a, const void *b)
{
	const struct req *x = a, *y = b;

	if ((x->st != 0) != (y->st != 0))
		return x->st != 0 ? -1 : 1;
	return x->nwid < y->nwid ? -1 : x->nwid > y->nwid;
}

void
rel_pat_reqs(struct pat *p)
{
	struct reqb b;
	size_t i;

	memset(&b, 0, sizeof(b));
	b.p = p;
	b.at = xcalloc(p->nn, sizeof(*b.at));
	b.nat = xcalloc(p->nn, sizeof(*b.nat));
	b.capat = xcalloc(p->nn, sizeof(*b.capat));
	b.done = xcalloc(p->nn, 1);
	reqb_at(&b, p->start);
	p->nreq = b.nat[p->start];
	p->req = xcalloc(p->nreq + 1, sizeof(*p->req));
	for (i = 0; i < p->nreq; i++) {
		/* the nreq entries exist */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		p->req[i] = b.a[b.at[p->start][i]];
		b.a[b.at[p->start][i]].wid = NULL;
	}
	if (p->nreq > 1)
		qsort(p->req, p->nreq, sizeof(*p->req), cmpreq);
	for (i = 0; i < b.na; i++)
		free(b.a[i].wid);
	for (i = 0; i < p->nn; i++)
		free(b.at[i]);
	free(b.a);
	free(b.at);
	free(b.nat);
	free(b.capat);
	free(b.done);
}

void
rel_pat_compile(struct pat *p, const struct ast *a)
{
	memset(p, 0, sizeof(*p));
	p->start = compile_elem(p, a, pat_node(p, N_END, -1));
}

void
rel_pat_release(struct pat *p)
{
	size_t i;

	for (i = 0; i < p->nn; i++) {
		free(p->n[i].w);
		free(p->n[i].alt);
		free(p->n[i].wid);
		free(p->n[i].pfx);
		free(p->n[i].pfxn);
		free(p->n[i].ak);
		free(p->n[i].aother);
	}
	free(p->n);
	free(p->fwid);
	for (i = 0; i < p->nreq; i++)
		free(p->req[i].wid);
	free(p->req);
	memset(p, 0, sizeof(*p));
}
