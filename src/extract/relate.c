/*
 * relate: the rule engine for treaties and memberships.
 *
 * Loading parses every rule into an AST and compiles it into a small
 * graph of nodes (literal, slot, gap, alternation, end) matched by
 * backtracking over the units of one sentence.  Classes are named
 * sub-patterns, expanded where they are used.  Running walks the source
 * paragraphs sentence by sentence: units are built from the text, the
 * mentions and the dates; the anaphor rules bind "the organization" to
 * the organisation in focus; the kind, status and hedge rules mark
 * chunks; then every treaty and membership rule is tried at every unit.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/relate.h"
#include "extract/sentence.h"
#include "extract/timex.h"
#include "lib/buf.h"
#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/hash.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* --- limits ------------------------------------------------------------ */

#define MATCH_MAXSTEPS	200000	/* backtracking steps per try */
#define SENT_MAXUNITS	1500	/* units looked at per sentence */
#define SENT_MAXBYTES	20000	/* longer "sentences" are not read */
#define CAP_MAXITEMS	64	/* items per capture */
#define LIST_MAXFILL	4	/* filler units before one list item */
#define LIST_MAXLISTS	8	/* list captures per match */
#define LIST_MAXREL	12	/* units of a relative clause inside a list */
#define PRE_WINDOW	3	/* units before a match read for hedges */
#define ANAPHOR_WINDOW	3	/* units before a kind read for "the" */
#define CTX_PARAS	1	/* treaty context reaches back this far */
#define FOCUS_PARAS	30	/* a recurring organisation stays in focus */
#define SAME_TREATY_PARAS 4	/* "the agreement" reaches back this far */
#define SUBJ_UNITS	6	/* a sentence's subject stands this early */
#define SUBJ_PARAS	2	/* and is "it" this many paragraphs on */
#define GAP_MAX		40	/* largest ~N */
#define RULES_MAXFILES	256

/* --- vocabularies (the tables' enums) ---------------------------------- */

static const char *const kind_names[] = {
	"extradition", "mutual_legal_assistance", "cooperation_agreement",
	"memorandum_of_understanding", "convention", "protocol", "treaty",
	"agreement", NULL
};
static const char *const tstatus_names[] = {
	"proposed", "negotiating", "signed", "ratified", "in_force",
	"prospective", "withdrawn", "suspended", NULL
};
static const char *const mstatus_names[] = {
	"founding", "member", "prospective", "observer", "dialogue_partner",
	"chair", "participant", "staff", "former", "suspended", NULL
};

enum cert { CERT_POSSIBLE, CERT_PROBABLE, CERT_CERTAIN, CERT__MAX };

static const char *const cert_names[] = {
	"possible", "probable", "certain", NULL
};

enum cap {
	CAP_PARTY, CAP_WITH, CAP_KIND, CAP_STATUS, CAP_COUNT, CAP_DATE,
	CAP_ORG, CAP_MEMBER, CAP_START, CAP_END, CAP__MAX
};

static const char *const cap_names[] = {
	"party", "with", "kind", "status", "count", "date", "org", "member",
	"start", "end", NULL
};

enum stype {
	ST_STATE, ST_ORG, ST_PARTY, ST_PERSON, ST_GROUP, ST_REGION, ST_CITY,
	ST_ENTITY, ST_DATE, ST_NUM, ST_KIND, ST_STATUS, ST__MAX
};

static const char *const stype_names[] = {
	"STATE", "ORG", "PARTY", "PERSON", "GROUP", "REGION", "CITY",
	"ENTITY", "DATE", "NUM", "KIND", "STATUS", NULL
};

enum datepol { DP_NEAR, DP_SPAN, DP_NONE };

/* What an anaphor stands for: the organisation in focus, or the last
 * two states named ("the two countries"). */
enum anaphor { AN_ORG, AN_PAIR, AN_SUBJ, AN_OWNER, AN_TERR };

static const char *const anaphor_names[] = {
	"ORG", "PAIR", "SUBJ", "OWNER", "TERRITORY", NULL
};

static const char *const datepol_names[] = { "near", "span", "none", NULL };

static int
lookup(const char *const *names, const char *s, size_t n)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strlen(names[i]) == n && strncmp(names[i], s, n) == 0)
			return i;
	return -1;
}

/* --- patterns ---------------------------------------------------------- */

enum atype { A_LIT, A_SLOT, A_GAP, A_GROUP };

struct ast;

struct aseq {
	struct ast	**e;
	size_t		  n, cap;
};

struct ast {
	enum atype	 type;
	int		 opt;		/* may be left out */
	char		*word;		/* A_LIT: folded text */
	int		 neg;		/* "!": must not follow */
	int		 cap;		/* A_SLOT: enum cap or -1 */
	enum stype	 st;		/* A_SLOT */
	int		 list;		/* A_SLOT: '+' */
	int		 max;		/* A_GAP */
	int		 any;		/* A_GAP: "~~" */
	struct aseq	*br;		/* A_GROUP: alternatives */
	size_t		 nbr;
	int		 shared;	/* a class: freed by its owner */
};

enum ntype { N_LIT, N_SLOT, N_GAP, N_ALT, N_END };

struct node {
	enum ntype	 type;
	int		 next;
	const char	**w;		/* N_LIT: words (borrowed) */
	size_t		 nw;
	int		 neg;		/* N_LIT: a lookahead */
	unsigned	 negst;		/* lookahead: slot types */
	int		*wid;		/* N_LIT: word ids, sorted */
	size_t		 nwid;
	const char	**pfx;		/* N_LIT: prefixes ("sign*") */
	size_t		*pfxn;		/* their lengths, '*' left out */
	size_t		 npfx;
	int		 cap, list;	/* N_SLOT */
	enum stype	 st;
	int		 max, any;	/* N_GAP */
	int		*alt;		/* N_ALT: owned */
	size_t		 nalt;
	/*
	 * N_ALT: the branches by the word they start with.  A branch that
	 * is a plain word node (no "!", no prefix) is listed in ak under
	 * each of its words (sorted by word, then branch); the others in
	 * aother (ascending).  A plain word branch whose word is not at
	 * the unit fails at once.
	 */
	struct altkey	*ak;
	size_t		 nak;
	int		*aother;
	size_t		 naother;
};

struct altkey {
	int	wid;
	int	br;		/* index into alt */
};

/*
 * Something every match of a pattern holds: one of the words wid, or a
 * unit that fills a slot of one of the types in st (bits of enum
 * stype).  A sentence with none of them cannot match the pattern.
 */
struct req {
	unsigned	 st;
	int		*wid;		/* sorted */
	size_t		 nwid;
};

struct pat {
	struct node	*n;
	size_t		 nn, cap;
	int		 start;
	unsigned	 caps;		/* bit set of enum cap captured */
	int		 slots;		/* number of slots */
	/* what a match can start with (a filter before matching) */
	unsigned	 first;		/* FIRST_* bits */
	int		*fwid;		/* word ids, sorted */
	size_t		 nfwid, capfwid;
	/* what every match holds (a filter per sentence) */
	struct req	*req;
	size_t		 nreq;
};

#define FIRST_ANY	0x01u	/* anything: no filter */
#define FIRST_ENT	0x02u	/* an entity, or "the" before one */
#define FIRST_KIND	0x04u
#define FIRST_STATUS	0x08u
#define FIRST_DATE	0x10u
#define FIRST_NUM	0x20u
#define FIRST_WORD	0x40u	/* one of fwid */
#define FIRST_LIST	0x80u	/* an entity, a hedge or a list filler */

struct cls {
	char		*name;
	struct ast	*ast;		/* an A_GROUP */
};

enum rtype {
	R_KIND, R_STATUS, R_HEDGE, R_ANAPHOR, R_TREATY, R_MEMB, R__MAX
};

struct rule {
	enum rtype	 type;
	const char	*file;		/* borrowed from relate.files */
	unsigned long	 line;
	int		 val;		/* kind, status, certainty */
	int		 generic;	/* kind: a bare "treaty" */
	int		 each;		/* treaty: one row per party */
	int		 tstatus;	/* treaty: status without capture */
	int		 cert;		/* highest certainty given */
	enum datepol	 date;
	int		 dateis_end;	/* a point date ends */
	uint64_t	 wordonly;	/* pat.req[i] with words only: bit i */
	struct ast	*ast;
	struct pat	 pat;
};

enum special {
	SP_LIST_CONJ, SP_LIST_FILLER, SP_NEGATION, SP_DEFINITE, SP_PLURAL,
	SP_DETERMINER, SP_DISTRIBUTIVE, SP_DATE_BARRIER, SP_NONMEMBER_HEAD,
	SP_HEAD_STOP, SP_LIST_SEP, SP_GAP_STOP, SP_WINDOW_STOP, SP_POSSESSIVE,
	SP_RELATIVE, SP_PREPOSITION, SP_DOMESTIC_LAW, SP__MAX
};

static const char *const special_names[] = {
	"list_conj", "list_filler", "negation", "definite", "plural",
	"determiner", "distributive", "date_barrier", "nonmember_head",
	"head_stop", "list_sep", "gap_stop", "window_stop", "possessive",
	"relative", "preposition", "domestic_law", NULL
};

struct relate {
	struct sentence_rules *sent;
	struct timex_rules *tx;
	char		**files;
	size_t		  nfiles;
	struct cls	 *cls;
	size_t		  ncls, capcls;
	struct rule	 *r;
	size_t		  nr, capr;
	int		  sources[ROLE__MAX];
	unsigned	  supersedes[16];	/* status -> bit set */
	unsigned	  tsupersedes[16];	/* the same, of treaties */
	unsigned char	  kgeneric[16];	/* kind -> named by a bare noun */
	int		  w_and, w_or;		/* word ids of "and", "or" */
	int		  klaw;			/* kind "treaty" */
	/* every word of the patterns, interned: units carry its id */
	char		**word;
	size_t		  nword, capword;
	uint64_t	 *whash;	/* hash_fnv1a() of each */
	size_t		  capwhash;
	int		 *wslot;	/* open addressing: id + 1 */
	size_t		  wsize;
	char		**numw;		/* number words ("twenty") */
	long		 *numv;		/* and their values */
	size_t		  nnum, capnum;
	long		 *wnum;		/* word id -> number value, or -1 */
	struct pat	  special[SP__MAX];
	int		  has_special[SP__MAX];
	/*
	 * The chunk rules (kind, status, hedge, anaphor) by type and the
	 * word they must start with: byw[t][bywoff[t][w] ..
	 * bywoff[t][w + 1]) are the rules of type t that start with word
	 * w only, anyr[t] the others (rule indices, ascending).
	 */
	size_t		 *bywoff[R_ANAPHOR + 1];
	size_t		 *byw[R_ANAPHOR + 1];
	size_t		 *anyr[R_ANAPHOR + 1];
	size_t		  nanyr[R_ANAPHOR + 1];
	size_t		 *bytype[R__MAX];	/* rule indices by type */
	size_t		  nbytype[R__MAX];
	/*
	 * The requirements of all rules numbered in one row (rule r's
	 * are greq[r] + 0 .. nreq - 1), and for each word the ones it
	 * meets: rpost[rpostoff[w] .. rpostoff[w + 1]).
	 */
	size_t		 *greq;
	size_t		  ngreq;
	size_t		 *rpostoff;
	size_t		 *rpost;
};

/* --- AST --------------------------------------------------------------- */

static void ast_free(struct ast *);

static void
aseq_release(struct aseq *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		ast_free(s->e[i]);
	free(s->e);
}

static void
ast_free(struct ast *a)
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

struct parser {
	const struct relate *R;
	const char	*p;
	const char	*file;
	unsigned long	 line;
	int		 err;
};

static void
perr(struct parser *ps, const char *msg)
{
	if (!ps->err)
		diag(DIAG_DATA, ps->file, ps->line, "%s near '%.20s'", msg,
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
static size_t
fold_into(char *o, const char *s, size_t n, uint64_t *hw)
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

static char *
fold(const char *s, size_t n)
{
	char *o = xmalloc(n + 1);

	fold_into(o, s, n, NULL);
	return o;
}

static struct ast *parse_group(struct parser *, int close);
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
	if ((st = lookup(stype_names, t, n)) < 0) {
		perr(ps, "unknown slot type");
		return NULL;
	}
	if (colon != NULL &&
	    (cap = lookup(cap_names, s, (size_t)(colon - s))) < 0) {
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
	a->word = fold(b.s, b.len);
	buf_release(&b);
	return a;
}

static struct ast *
parse_elem(struct parser *ps)
{
	struct ast *a;

	switch (*ps->p) {
	case '!':
		ps->p++;
		if (*ps->p == '(') {
			ps->p++;
			a = parse_group(ps, ')');
		} else if (*ps->p == '{')
			a = parse_slot(ps);
		else if (*ps->p == '@') {
			/* a class of single words: a copy to mark */
			const struct ast *c = parse_class_ref(ps);

			a = c != NULL && neg_ok(c) ? ast_copy(c) : NULL;
			if (c != NULL && a == NULL)
				perr(ps, "'!@' takes a class of single words");
			if (a == NULL)
				return NULL;
		} else
			a = parse_literal(ps);
		if (a != NULL && !neg_ok(a)) {
			ast_free(a);
			a = NULL;
			perr(ps, "'!' takes a word, a group of words or an "
			    "uncaptured entity, DATE or NUM slot");
		}
		if (a != NULL)
			a->neg = 1;
		return a;
	case '(':
		ps->p++;
		a = parse_group(ps, ')');
		break;
	case '[':
		ps->p++;
		a = parse_group(ps, ']');
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
static struct ast *
parse_group(struct parser *ps, int close)
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
	ast_free(g);
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
		p->n[self].neg = 1;
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
static int
word_find_h(const struct relate *R, const char *w, uint64_t hw)
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
static int
word_find(const struct relate *R, const char *w)
{
	return word_find_h(R, w, hash_fnv1a(w, strlen(w)));
}

static int
word_intern(struct relate *R, const char *w)
{
	size_t h, i;
	int id = word_find(R, w);

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
static void
pat_finalize(struct relate *R, struct pat *p)
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
				nd->wid[nd->nwid++] = word_intern(R, nd->w[j]);
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
static void
pat_altindex(struct pat *p)
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

static void
pat_first(struct pat *p)
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

static void
pat_reqs(struct pat *p)
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

static void
pat_compile(struct pat *p, const struct ast *a)
{
	memset(p, 0, sizeof(*p));
	p->start = compile_elem(p, a, pat_node(p, N_END, -1));
}

static void
pat_release(struct pat *p)
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

/* --- loading ----------------------------------------------------------- */

/* Split "key=value"; returns 0 if word has no '='. */
static int
attr(const char *w, size_t n, const char *key, const char **val,
    size_t *vn)
{
	size_t k = strlen(key);

	if (n <= k + 1 || strncmp(w, key, k) != 0 || w[k] != '=')
		return 0;
	*val = w + k + 1;
	*vn = n - k - 1;
	return 1;
}

static int
rule_head(struct rule *ru, const char *file, unsigned long line,
    const char *h, size_t hn)
{
	const char *w = h, *end = h + hn, *v;
	size_t n, vn;
	int first = 1, x;

	for (;;) {
		while (w < end && (*w == ' ' || *w == '\t'))
			w++;
		if (w >= end)
			break;
		n = strcspn(w, " \t");
		if ((size_t)(end - w) < n)
			n = (size_t)(end - w);
		if (first && (ru->type == R_KIND || ru->type == R_STATUS ||
		    ru->type == R_HEDGE || ru->type == R_ANAPHOR ||
		    ru->type == R_MEMB)) {
			const char *const *names =
			    ru->type == R_KIND ? kind_names :
			    ru->type == R_STATUS ? tstatus_names :
			    ru->type == R_HEDGE ? cert_names :
			    ru->type == R_ANAPHOR ? anaphor_names :
			    mstatus_names;

			if ((ru->val = lookup(names, w, n)) < 0 ||
			    (ru->type == R_HEDGE && ru->val == CERT_CERTAIN)) {
				diag(DIAG_DATA, file, line, "unknown value "
				    "'%.*s' for this rule", (int)n, w);
				return -1;
			}
		} else if (ru->type == R_KIND && n == 7 &&
		    strncmp(w, "generic", 7) == 0)
			ru->generic = 1;
		else if (ru->type == R_TREATY && n == 4 &&
		    strncmp(w, "each", 4) == 0)
			ru->each = 1;
		else if (ru->type == R_TREATY &&
		    attr(w, n, "status", &v, &vn) &&
		    (x = lookup(tstatus_names, v, vn)) >= 0)
			ru->tstatus = x;
		else if ((ru->type == R_TREATY || ru->type == R_MEMB) &&
		    attr(w, n, "date", &v, &vn) &&
		    (x = lookup(datepol_names, v, vn)) >= 0)
			ru->date = (enum datepol)x;
		else if ((ru->type == R_TREATY || ru->type == R_MEMB) &&
		    attr(w, n, "certainty", &v, &vn) &&
		    (x = lookup(cert_names, v, vn)) >= 0)
			ru->cert = x;
		else if (ru->type == R_MEMB && attr(w, n, "dateis", &v, &vn) &&
		    (vn == 3 || vn == 5) && (strncmp(v, "end", vn) == 0 ||
		    strncmp(v, "start", vn) == 0))
			ru->dateis_end = vn == 3;
		else {
			diag(DIAG_DATA, file, line, "bad rule attribute "
			    "'%.*s'", (int)n, w);
			return -1;
		}
		first = 0;
		w += n;
	}
	if (first && ru->type != R_TREATY) {
		diag(DIAG_DATA, file, line, "rule needs a value");
		return -1;
	}
	return 0;
}

/* Check which captures a rule uses and how. */
static int
rule_check(const struct rule *ru, const char *file, unsigned long line)
{
	static const unsigned tre = 1u << CAP_PARTY | 1u << CAP_WITH |
	    1u << CAP_KIND | 1u << CAP_STATUS | 1u << CAP_COUNT |
	    1u << CAP_DATE;
	static const unsigned mem = 1u << CAP_ORG | 1u << CAP_MEMBER |
	    1u << CAP_DATE | 1u << CAP_START | 1u << CAP_END;
	unsigned caps = ru->pat.caps;
	size_t i;

	switch (ru->type) {
	case R_TREATY:
		if ((caps & ~tre) != 0 || !(caps & 1u << CAP_KIND) ||
		    (!(caps & 1u << CAP_STATUS) && ru->tstatus < 0)) {
			diag(DIAG_DATA, file, line, "a treaty rule captures "
			    "kind and status (or has status=), and may "
			    "capture party, with, count and date; nothing "
			    "else");
			return -1;
		}
		break;
	case R_MEMB:
		if ((caps & ~mem) != 0 || !(caps & 1u << CAP_MEMBER)) {
			diag(DIAG_DATA, file, line, "a membership rule "
			    "captures member, and may capture org, date, "
			    "start and end; nothing else");
			return -1;
		}
		break;
	default:
		if (ru->pat.slots > 0) {
			diag(DIAG_DATA, file, line, "only treaty and "
			    "membership rules have slots");
			return -1;
		}
		break;
	}
	/* each capture's slot type must fit it */
	for (i = 0; i < ru->pat.nn; i++) {
		const struct node *nd = &ru->pat.n[i];
		int ok = 1;

		if (nd->type != N_SLOT || nd->cap < 0)
			continue;
		switch (nd->cap) {
		case CAP_KIND:
			ok = nd->st == ST_KIND;
			break;
		case CAP_STATUS:
			ok = nd->st == ST_STATUS;
			break;
		case CAP_COUNT:
			ok = nd->st == ST_NUM;
			break;
		case CAP_DATE:
		case CAP_START:
		case CAP_END:
			ok = nd->st == ST_DATE;
			break;
		default:
			ok = nd->st < ST_DATE;
			break;
		}
		if (!ok) {
			diag(DIAG_DATA, file, line, "capture '%s' cannot hold "
			    "a %s", cap_names[nd->cap], stype_names[nd->st]);
			return -1;
		}
	}
	return 0;
}

static int
load_line(struct relate *R, const char *file, unsigned long line, char *s)
{
	static const char *const dirs[] = {
		"kind", "status", "hedge", "anaphor", "treaty", "membership",
		"class", "sources", "supersedes", "numbers",
		"treaty_supersedes", NULL
	};
	struct parser ps;
	struct rule ru;
	struct ast *a;
	size_t n = strcspn(s, " \t"), hn;
	const char *eq;
	int d = lookup(dirs, s, n);

	if (d < 0) {
		diag(DIAG_DATA, file, line, "unknown directive '%.*s'",
		    (int)n, s);
		return -1;
	}
	if (d == 9) {	/* numbers WORD=VALUE... */
		const char *w = s + n;

		for (;;) {
			const char *eqp;
			char *end;
			long v;
			size_t cap2;

			w += strspn(w, " \t");
			if (*w == '\0')
				break;
			n = strcspn(w, " \t");
			eqp = memchr(w, '=', n);
			v = eqp != NULL ? strtol(eqp + 1, &end, 10) : -1;
			if (eqp == NULL || eqp == w || v < 0 || v > 1000000 ||
			    end != w + n) {
				diag(DIAG_DATA, file, line, "numbers: "
				    "WORD=VALUE expected, not '%.*s'", (int)n,
				    w);
				return -1;
			}
			cap2 = R->capnum;
			R->numw = xgrow(R->numw, &R->capnum, R->nnum + 1,
			    sizeof(*R->numw));
			R->numv = xgrow(R->numv, &cap2, R->nnum + 1,
			    sizeof(*R->numv));
			R->numw[R->nnum] = fold(w, (size_t)(eqp - w));
			R->numv[R->nnum++] = v;
			w += n;
		}
		return 0;
	}
	if (d == 8 || d == 10) {	/* [treaty_]supersedes STATUS STATUS */
		const char *const *names = d == 8 ? mstatus_names :
		    tstatus_names;
		const char *w = s + n, *w2;
		size_t n2;
		int sa, sb;

		w += strspn(w, " \t");
		n = strcspn(w, " \t");
		w2 = w + n + strspn(w + n, " \t");
		n2 = strcspn(w2, " \t");
		if ((sa = lookup(names, w, n)) < 0 ||
		    (sb = lookup(names, w2, n2)) < 0 || sa == sb ||
		    w2[n2 + strspn(w2 + n2, " \t")] != '\0') {
			diag(DIAG_DATA, file, line, "%s needs two "
			    "different %s statuses", d == 8 ? "supersedes" :
			    "treaty_supersedes", d == 8 ? "membership" :
			    "treaty");
			return -1;
		}
		if (d == 8)
			R->supersedes[sa] |= 1u << sb;
		else
			R->tsupersedes[sa] |= 1u << sb;
		return 0;
	}
	if (d == 7) {	/* sources ROLE... */
		const char *w = s + n;
		int k;

		memset(R->sources, 0, sizeof(R->sources));
		for (;;) {
			w += strspn(w, " \t");
			if (*w == '\0')
				break;
			n = strcspn(w, " \t");
			for (k = 0; k < ROLE__MAX; k++)
				if (strlen(role_name((enum role)k)) == n &&
				    strncmp(role_name((enum role)k), w, n) == 0)
					break;
			if (k == ROLE__MAX) {
				diag(DIAG_DATA, file, line, "unknown paragraph "
				    "role '%.*s'", (int)n, w);
				return -1;
			}
			R->sources[k] = 1;
			w += n;
		}
		return 0;
	}
	/* the head ends at a lone '=' */
	for (eq = s + n; (eq = strchr(eq, '=')) != NULL; eq++)
		if ((eq[-1] == ' ' || eq[-1] == '\t') &&
		    (eq[1] == ' ' || eq[1] == '\t' || eq[1] == '\0'))
			break;
	if (eq == NULL) {
		diag(DIAG_DATA, file, line, "missing ' = ' before the pattern");
		return -1;
	}
	hn = (size_t)(eq - s) - n;
	memset(&ps, 0, sizeof(ps));
	ps.R = R;
	ps.p = eq + 1;
	ps.file = file;
	ps.line = line;
	if ((a = parse_group(&ps, '\0')) == NULL)
		return -1;
	if (d == 6) {	/* class NAME = PATTERN */
		const char *nm = s + n;
		size_t nl;

		nm += strspn(nm, " \t");
		nl = strcspn(nm, " \t=");
		if (nl == 0 || nm + nl != eq - 1) {
			diag(DIAG_DATA, file, line, "class needs one name");
			ast_free(a);
			return -1;
		}
		a->shared = 1;
		R->cls = xgrow(R->cls, &R->capcls, R->ncls + 1,
		    sizeof(*R->cls));
		R->cls[R->ncls].name = xstrndup(nm, nl);
		R->cls[R->ncls].ast = a;
		R->ncls++;
		return 0;
	}
	memset(&ru, 0, sizeof(ru));
	ru.type = (enum rtype)d;
	ru.file = file;
	ru.line = line;
	ru.tstatus = -1;
	ru.cert = CERT_CERTAIN;
	ru.date = ru.type == R_MEMB ? DP_SPAN : DP_NEAR;
	ru.ast = a;
	if (rule_head(&ru, file, line, s + n, hn) != 0) {
		ast_free(a);
		return -1;
	}
	pat_compile(&ru.pat, a);
	pat_finalize(R, &ru.pat);
	pat_first(&ru.pat);
	pat_reqs(&ru.pat);
	pat_altindex(&ru.pat);
	if (rule_check(&ru, file, line) != 0) {
		pat_release(&ru.pat);
		ast_free(a);
		return -1;
	}
	R->r = xgrow(R->r, &R->capr, R->nr + 1, sizeof(*R->r));
	if (ru.type == R_KIND && ru.generic && ru.val >= 0 &&
	    ru.val < (int)sizeof(R->kgeneric))
		R->kgeneric[ru.val] = 1;
	R->r[R->nr++] = ru;
	return 0;
}

static int
cmpname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_file(struct relate *R, const char *path)
{
	struct datafile df;
	char *line;
	int bad = 0;

	if (datafile_open(&df, path) != 0)
		return -1;
	R->files = xrealloc(R->files, (R->nfiles + 1) * sizeof(*R->files));
	R->files[R->nfiles++] = xstrdup(path);
	while ((line = datafile_next(&df)) != NULL)
		if (load_line(R, R->files[R->nfiles - 1], df.line, line) != 0)
			bad = 1;
	datafile_close(&df);
	return bad ? -1 : 0;
}

/* Build R->greq and the postings (see struct relate). */
static void
req_index(struct relate *R)
{
	size_t r, i, j, w, pass, *fill = NULL;

	R->greq = xcalloc(R->nr + 1, sizeof(*R->greq));
	R->rpostoff = xcalloc(R->nword + 2, sizeof(*R->rpostoff));
	for (r = 0; r < R->nr; r++) {
		R->greq[r] = R->ngreq;
		R->ngreq += R->r[r].pat.nreq;
		R->r[r].wordonly = 0;
		for (i = 0; i < R->r[r].pat.nreq && i < 64; i++)
			if (R->r[r].pat.req[i].st == 0)
				R->r[r].wordonly |= (uint64_t)1 << i;
	}
	/* count, then fill */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (w = 0; w < R->nword; w++)
				R->rpostoff[w + 1] += R->rpostoff[w];
			R->rpost = xcalloc(R->rpostoff[R->nword] + 1,
			    sizeof(*R->rpost));
			fill = xcalloc(R->nword + 1, sizeof(*fill));
		}
		for (r = 0; r < R->nr; r++)
			for (i = 0; i < R->r[r].pat.nreq; i++) {
				const struct req *q = &R->r[r].pat.req[i];

				for (j = 0; j < q->nwid; j++) {
					w = (size_t)q->wid[j];
					if (pass == 0)
						R->rpostoff[w + 1]++;
					else
						R->rpost[R->rpostoff[w] +
						    fill[w]++] = R->greq[r] + i;
				}
			}
	}
	free(fill);
}

/* Build R->byw, R->anyr and R->bytype (see struct relate). */
static void
chunk_index(struct relate *R)
{
	size_t r, j, w, *fill;
	int t;

	for (t = 0; t < R__MAX; t++) {
		R->bytype[t] = xcalloc(R->nr + 1, sizeof(*R->bytype[t]));
		for (r = 0; r < R->nr; r++)
			if ((int)R->r[r].type == t)
				R->bytype[t][R->nbytype[t]++] = r;
	}

	for (t = 0; t <= R_ANAPHOR; t++) {
		R->bywoff[t] = xcalloc(R->nword + 2, sizeof(*R->bywoff[t]));
		R->anyr[t] = xcalloc(R->nr + 1, sizeof(*R->anyr[t]));
		R->nanyr[t] = 0;
		for (r = 0; r < R->nr; r++) {
			const struct pat *p = &R->r[r].pat;

			if ((int)R->r[r].type != t)
				continue;
			if (p->first != FIRST_WORD) {
				R->anyr[t][R->nanyr[t]++] = r;
				continue;
			}
			for (j = 0; j < p->nfwid; j++)
				if (j == 0 || p->fwid[j] != p->fwid[j - 1])
					R->bywoff[t][p->fwid[j] + 1]++;
		}
		for (w = 0; w < R->nword; w++)
			R->bywoff[t][w + 1] += R->bywoff[t][w];
		R->byw[t] = xcalloc(R->bywoff[t][R->nword] + 1,
		    sizeof(*R->byw[t]));
		fill = xcalloc(R->nword + 1, sizeof(*fill));
		for (r = 0; r < R->nr; r++) {
			const struct pat *p = &R->r[r].pat;

			if ((int)R->r[r].type != t || p->first != FIRST_WORD)
				continue;
			for (j = 0; j < p->nfwid; j++)
				if (j == 0 || p->fwid[j] != p->fwid[j - 1]) {
					w = (size_t)p->fwid[j];
					R->byw[t][R->bywoff[t][w] + fill[w]++] =
					    r;
				}
		}
		free(fill);
	}
}

struct relate *
relate_load(const char *dir)
{
	struct relate *R = xcalloc(1, sizeof(*R));
	char *names[RULES_MAXFILES], *p;
	size_t nn = 0, i;
	struct dirent *de;
	DIR *dp;
	int bad = 0, k;

	R->sources[ROLE_BODY] = 1;
	p = xasprintf("%s/abbreviations.txt", dir);
	R->sent = sentence_rules_load(p);
	free(p);
	p = xasprintf("%s/timex.txt", dir);
	R->tx = timex_rules_load(p);
	free(p);
	if (R->sent == NULL || R->tx == NULL)
		goto fail;
	if ((dp = opendir(dir)) == NULL) {
		diag(DIAG_SYS, dir, 0, "cannot read the rules directory");
		goto fail;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l < 7 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + l - 6, ".rules") != 0)
			continue;
		if (nn == RULES_MAXFILES) {
			diag(DIAG_DATA, dir, 0, "more than %d rule files",
			    RULES_MAXFILES);
			bad = 1;
			break;
		}
		names[nn++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, nn, sizeof(*names), cmpname);
	for (i = 0; i < nn; i++) {
		p = xasprintf("%s/%s", dir, names[i]);
		if (!bad && load_file(R, p) != 0)
			bad = 1;
		free(p);
		free(names[i]);
	}
	if (bad)
		goto fail;
	if (nn == 0) {
		diag(DIAG_DATA, dir, 0, "no *.rules files");
		goto fail;
	}
	for (k = 0; k < SP__MAX; k++)
		for (i = R->ncls; i > 0; i--)
			if (strcmp(R->cls[i - 1].name, special_names[k]) == 0) {
				pat_compile(&R->special[k], R->cls[i - 1].ast);
				pat_finalize(R, &R->special[k]);
				pat_first(&R->special[k]);
				pat_reqs(&R->special[k]);
				pat_altindex(&R->special[k]);
				R->has_special[k] = 1;
				break;
			}
	/* number words get ids too, to be found by id (the last wins) */
	for (i = 0; i < R->nnum; i++)
		word_intern(R, R->numw[i]);
	R->wnum = xcalloc(R->nword + 1, sizeof(*R->wnum));
	for (i = 0; i < R->nword; i++)
		R->wnum[i] = -1;
	for (i = 0; i < R->nnum; i++)
		R->wnum[word_find(R, R->numw[i])] = R->numv[i];
	chunk_index(R);
	R->w_and = word_find(R, "and");
	R->klaw = lookup(kind_names, "treaty", 6);
	R->w_or = word_find(R, "or");
	req_index(R);
	return R;
fail:
	relate_free(R);
	return NULL;
}

void
relate_free(struct relate *R)
{
	size_t i;

	if (R == NULL)
		return;
	for (i = 0; i < R->nr; i++) {
		pat_release(&R->r[i].pat);
		ast_free(R->r[i].ast);
	}
	free(R->r);
	for (i = 0; i < SP__MAX; i++)
		pat_release(&R->special[i]);
	/* later classes may use earlier ones: free from the last */
	for (i = R->ncls; i > 0; i--) {
		R->cls[i - 1].ast->shared = 0;
		ast_free(R->cls[i - 1].ast);
		free(R->cls[i - 1].name);
	}
	free(R->cls);
	for (i = 0; i < R->nfiles; i++)
		free(R->files[i]);
	free(R->files);
	for (i = 0; i < R->nword; i++)
		free(R->word[i]);
	free(R->word);
	free(R->whash);
	free(R->wslot);
	for (i = 0; i < R->nnum; i++)
		free(R->numw[i]);
	free(R->numw);
	free(R->numv);
	free(R->wnum);
	free(R->greq);
	free(R->rpostoff);
	free(R->rpost);
	for (i = 0; i < R__MAX; i++)
		free(R->bytype[i]);
	for (i = 0; i <= R_ANAPHOR; i++) {
		free(R->bywoff[i]);
		free(R->byw[i]);
		free(R->anyr[i]);
	}
	sentence_rules_free(R->sent);
	timex_rules_free(R->tx);
	free(R);
}

/* --- sentences as units ------------------------------------------------ */

enum utype { U_WORD, U_PUNCT, U_NUM, U_ENT, U_DATE };

struct unit {
	enum utype	 type;
	size_t		 start, end;	/* bytes in article text */
	char		*low;		/* folded; NULL: ENT, DATE */
	int		 wid;		/* word id of low, or -1 */
	int		 upper;		/* starts uppercase */
	const struct entity *ent;	/* U_ENT */
	int		 adj;		/* U_ENT: adjective form */
	long		 num;		/* U_NUM: value or -1 */
	struct timex	 tx;		/* U_DATE */
	/* chunks that start here: end unit (0 = none) and value */
	size_t		 kind_end, status_end, hedge_end;
	int		 kind, kind_generic, status, hedge;
	int		 named;		/* U_ENT: a named treaty */
	int		 organ;		/* U_ENT: an organisation without
					 * members (a ministry, a parliament) */
	int		 owner;		/* U_ENT: "its" (anaphor OWNER), which
					 * a gap may skip */
	int		 sep;		/* joins list items (made up) */
	unsigned	 fits;		/* U_ENT: slot types it fills, */
	int		 fitsok;	/* once fitsok is set */
};

struct sent {
	const char	*text;		/* the article text */
	size_t		 start, end;	/* bytes */
	struct unit	*u;
	size_t		 n, cap;
	/*
	 * Filters and caches, all from the run (NULL: none): the words
	 * the sentence has had (a bit per word id), the slot types its
	 * units fill now (bits of enum stype), and special_len() by unit
	 * and special class (-1: not known yet).
	 */
	uint64_t	*wbits;
	uint64_t	*rhit;		/* see rule_possible() */
	unsigned	 st;
	int		 cache;		/* spc is in use */
	int		*spc;
	size_t		 spcap;
	unsigned char	*rflag;		/* scratch by rule (or NULL) */
	size_t		*rlist;		/* scratch by rule (or NULL) */
	/* the units' folded words, when not allocated one by one */
	char		*lowbuf;
	size_t		 lowlen;
};

static void
sent_release(struct sent *S)
{
	size_t i;

	for (i = 0; i < S->n && S->lowbuf == NULL; i++)
		free(S->u[i].low);
	free(S->u);
	S->u = NULL;
	S->n = S->cap = 0;
}

static int ent_fits(const struct unit *, enum stype);

/*
 * The units changed: find the slot types they fill again and forget
 * the special classes matched.  The word bits stay: words are only ever
 * replaced, so the bits keep all the sentence has.
 */
static void
sent_changed(struct sent *S)
{
	size_t i, need;
	int st;

	S->st = 0;
	for (i = 0; i < S->n; i++) {
		struct unit *u = &S->u[i];

		if (u->type == U_ENT) {
			if (!u->fitsok) {
				u->fits = 0;
				for (st = 0; st < ST_DATE; st++)
					if (ent_fits(u, (enum stype)st))
						u->fits |= 1u << st;
				u->fitsok = 1;
			}
			S->st |= u->fits;
		} else if (u->type == U_DATE)
			S->st |= 1u << ST_DATE;
		else if (u->type == U_NUM && u->num >= 0)
			S->st |= 1u << ST_NUM;
		if (u->kind_end > i)
			S->st |= 1u << ST_KIND;
		if (u->status_end > i)
			S->st |= 1u << ST_STATUS;
	}
	if (!S->cache)
		return;
	need = (S->n + 1) * SP__MAX;
	if (need > S->spcap) {
		free(S->spc);
		S->spc = xcalloc(need, sizeof(*S->spc));
		S->spcap = need;
	}
	memset(S->spc, 0xff, need * sizeof(*S->spc));
}

/*
 * Can the sentence hold a match of rule r?  1 unless a requirement
 * fails.  S->rhit has a bit for each requirement of each rule (R->greq)
 * that a word of the sentence meets, set once per sentence from the
 * words' postings (R->rpost).
 */
static int
rule_possible(const struct relate *R, const struct sent *S, size_t r)
{
	const struct pat *p = &R->r[r].pat;
	size_t i, g = R->greq[r], n = p->nreq;
	uint64_t miss;

	if (S->wbits == NULL || n == 0)
		return 1;
	if (n > 64) {
		for (i = 0; i < n; i++, g++)
			if (!(S->rhit[g / 64] >> (g % 64) & 1) &&
			    !(p->req[i].st & S->st))
				return 0;
		return 1;
	}
	/* the bits g .. g + n - 1 of rhit: those no word met */
	miss = S->rhit[g / 64] >> (g % 64);
	if (g % 64 != 0 && g % 64 + n > 64)
		miss |= S->rhit[g / 64 + 1] << (64 - g % 64);
	miss = ~miss & (n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1);
	if (miss & R->r[r].wordonly)
		return 0;	/* words only, and none there */
	for (i = 0; miss != 0; miss >>= 1, i++)
		if ((miss & 1) && !(p->req[i].st & S->st))
			return 0;
	return 1;
}

static struct unit *
sent_add(struct sent *S, enum utype t, size_t start, size_t end)
{
	struct unit *u;

	static const struct unit zero;

	if (S->n + 1 > S->cap)
		S->u = xgrow(S->u, &S->cap, S->n + 1, sizeof(*S->u));
	u = &S->u[S->n++];
	*u = zero;
	u->type = t;
	u->start = start;
	u->end = end;
	u->num = -1;
	u->wid = -1;
	return u;
}

static int
cp_space(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == '\v' || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Letters and digits of words: anything but ASCII and Unicode marks. */
static int
cp_wordch(long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 &&
	    cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F))
		return 0;
	return !cp_space(cp);
}

static int
cp_apos(long cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int
isdigit_c(int c)
{
	return c >= '0' && c <= '9';
}

static int
ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    isdigit_c(c);
}

/*
 * One token of plain text at s[i] (i < end, not a blank): a word (with
 * inner hyphens, full stops and apostrophes: "counter-terrorism",
 * "U.S.", "don't"; a possessive "'s" is its own token), a number, or
 * one punctuation character.  Returns its end.
 */
static size_t
lex(const char *s, size_t i, size_t end, enum utype *t)
{
	size_t k, j, k2;
	long cp = utf8_get(s, end, i, &k);
	int dots = 0, alldig = 1;

	if (cp_apos(cp) && i + k < end && (s[i + k] == 's' ||
	    s[i + k] == 'S') && (i + k + 1 >= end ||
	    !cp_wordch(utf8_get(s, end, i + k + 1, &k2)))) {
		*t = U_WORD;
		return i + k + 1;
	}
	if (!cp_wordch(cp)) {
		*t = U_PUNCT;
		return i + k;
	}
	for (j = i; j < end; ) {
		/* a run of ASCII letters and digits */
		while (j < end && ascii_alnum((unsigned char)s[j]))
			if (!isdigit_c((unsigned char)s[j++]))
				alldig = 0;
		if (j >= end)
			break;
		cp = utf8_get(s, end, j, &k);
		if (cp_wordch(cp)) {
			if (!isdigit_c((int)cp))
				alldig = 0;
			j += k;
			continue;
		}
		/* an inner joiner followed by a word character */
		if ((cp == '-' || cp == '.' || cp == ',' || cp_apos(cp) ||
		    cp == 0x2010 || cp == 0x2011) && j + k < end &&
		    cp_wordch(utf8_get(s, end, j + k, &k2))) {
			long nx = utf8_get(s, end, j + k, &k2);

			if (cp == ',' && !(alldig && isdigit_c((int)nx)))
				break;
			/* "China's": stop before a possessive */
			if (cp_apos(cp) && (nx == 's' || nx == 'S') &&
			    (j + k + 1 >= end || !cp_wordch(utf8_get(s, end,
			    j + k + 1, &k2))))
				break;
			if (cp == '.')
				dots++;
			if (cp != '.' && cp != ',')
				alldig = 0;
			j += k;
			continue;
		}
		/* "U.S.": keep the final stop of dotted initials */
		if (cp == '.' && dots > 0 && j - i <= 2 * (size_t)dots + 2)
			j++;
		break;
	}
	*t = alldig ? U_NUM : U_WORD;
	return j;
}

/*
 * Failures remembered while one pattern is tried at every unit of one
 * sentence: whether the match from node ni at unit pos succeeds depends
 * on nothing else (not on what was captured before), so a failure found
 * from one start holds for the later ones.  An entry holds the steps
 * the failure took, which are counted again when it is reused: the step
 * limit cuts off the same matches as without the table.
 */
struct memo {
	uint32_t	 stamp;		/* == memotab.stamp: known to fail */
	uint32_t	 steps;
};

struct memotab {
	struct memo	*e;		/* node * stride + unit */
	size_t		 cap, stride;
	uint32_t	 stamp;
};

struct run {
	const struct relate	*R;
	struct document		*doc;
	const struct entity_set	*es;
	size_t			 mi;	/* next mention to look at */
	/* organisations in focus: ORG mentions of source paragraphs */
	size_t			*orgm;
	size_t			 norgm;
	/* the specific kind of the last treaty row that had one, its
	 * first party and source ordinal: "ratified treaties with China"
	 * after "China's extradition treaties" means the same kind */
	int			 skind;
	const char		*skind_party;
	size_t			 skind_para;
	/* the subject of the previous sentence, for "it" (anaphor SUBJ):
	 * its first state or organisation, within SUBJ_UNITS units */
	const struct entity	*subj;
	size_t			 subj_para;	/* its source ordinal */
	/* states named, for "the two countries" */
	size_t			*statem;
	size_t			 nstatem;
	/* treaty context: the subject of the last treaty sentence */
	const char		*ctx_party[CAP_MAXITEMS];
	size_t			 ctx_np;
	const char		*ctx_all[2 * CAP_MAXITEMS]; /* +with */
	size_t			 ctx_nall;
	int			 ctx_kind;
	size_t			 ctx_para;	/* its source ordinal */
	size_t			 ctx_sent;	/* sentence start + 1 */
	size_t			 srcpara;	/* current one */
	size_t			*srcord;	/* paragraph -> ordinal */
	size_t			 t0, m0;	/* the run's first rows */
	/*
	 * The entities the document names, in a table (open addressing:
	 * index in es + 1, 0 empty; a power of 2 slots) with their kind
	 * (-2: not known yet) and count of mentions: per document, not per
	 * entity of the corpus.
	 */
	size_t			*ekey;
	size_t			 esize;
	int			*ekind;	/* slot -> kind, -1, -2 */
	size_t			*ecount;	/* slot -> mentions */
	const struct entity	**ment_ent;	/* mention -> entity */
	/* the sentence filters' buffers (see struct sent) */
	uint64_t		*wbits;
	size_t			 nwbits;
	uint64_t		*rhit;		/* for struct sent */
	int			*spc;
	size_t			 spcap;
	char			*lowbuf;	/* for struct sent */
	size_t			 lowcap;
	struct unit		*ubuf;		/* for struct sent */
	size_t			 ucap;
	size_t			*mlist;		/* for sent_build() */
	size_t			 capm;
	unsigned char		*rflag;		/* by rule, for annotate() */
	size_t			*rlist;		/* by rule, for anaphora */
	struct memotab		 memo;
};

static void annotate(const struct relate *, struct sent *, enum rtype);
static void sent_word(const struct relate *, struct sent *, int);
static size_t special_len(const struct relate *, const struct sent *,
    enum special, size_t);

/* name_kind(): an organisation that has no members (an institute). */
#define KIND_NONMEMBER	(-3)

/*
 * The treaty kind an entity's name states, or -1: a law or convention
 * ("Shanghai Convention on Combating Terrorism") anywhere in its name,
 * an organisation-like entity only in its last word ("Enhanced Defense
 * Cooperation Agreement", not "North Atlantic Treaty Organization").
 */
static int
name_kind(const struct relate *R, const struct entity *e)
{
	struct sent S;
	size_t p, n, i, k, h;
	int kind = -1;

	if (e->name == NULL || (e->type != ET_LAW &&
	    e->type != ET_ORGANIZATION && e->type != ET_OTHER &&
	    e->type != ET_EVENT))
		return -1;
	memset(&S, 0, sizeof(S));
	S.text = e->name;
	n = strlen(e->name);
	for (p = 0; p < n && S.n < 64; ) {
		enum utype t;
		struct unit *u;
		size_t end;

		if (cp_space(utf8_get(e->name, n, p, &k))) {
			p += k;
			continue;
		}
		end = lex(e->name, p, n, &t);
		u = sent_add(&S, t, p, end);
		u->low = fold(e->name + p, end - p);
		u->wid = word_find(R, u->low);
		p = end;
	}
	/* the head is the word before the first head_stop ("of"), else
	 * the last: "Framework Convention on Climate Change" */
	h = S.n > 0 ? S.n - 1 : 0;
	for (i = 1; i < S.n; i++)
		if (special_len(R, &S, SP_HEAD_STOP, i) > 0) {
			h = i - 1;
			break;
		}
	annotate(R, &S, R_KIND);
	for (i = 0; i < S.n && kind < 0; i++)
		if (S.u[i].kind_end > i && (e->type == ET_LAW ||
		    S.u[i].kind_end == S.n || S.u[i].kind_end == h + 1))
			kind = S.u[i].kind;
	/* a law named without a kind ("Trans-Pacific Partnership") is a
	 * treaty unless its head is a domestic law's ("Security Law") */
	if (kind < 0 && e->type == ET_LAW && S.n > 0 && R->klaw >= 0 &&
	    special_len(R, &S, SP_DOMESTIC_LAW, h) == 0)
		kind = R->klaw;
	/* "Norwegian Institute of ...", "Ministerial Conference": no
	 * members (a head of one word, or of two ending at the head) */
	if (kind < 0 && e->type == ET_ORGANIZATION && S.n > 0 &&
	    (special_len(R, &S, SP_NONMEMBER_HEAD, h) > 0 ||
	    (h > 0 && special_len(R, &S, SP_NONMEMBER_HEAD, h - 1) == 2)))
		kind = KIND_NONMEMBER;
	sent_release(&S);
	return kind;
}

/* The slot of entity e in run's table, added if add; or SIZE_MAX. */
static size_t
ent_slot(const struct run *run, const struct entity *e, int add)
{
	size_t i, h;

	if (e == NULL || (i = (size_t)(e - run->es->e)) >= run->es->n)
		return SIZE_MAX;
	for (h = (i * 0x9E3779B97F4A7C15ULL) >> 7 & (run->esize - 1);
	    run->ekey[h] != 0; h = (h + 1) & (run->esize - 1))
		if (run->ekey[h] == i + 1)
			return h;
	if (!add)
		return SIZE_MAX;
	run->ekey[h] = i + 1;
	return h;
}

/* name_kind(), once per entity and run. */
static int
entity_kind(const struct run *run, const struct entity *e)
{
	size_t k;

	if (e == NULL || (size_t)(e - run->es->e) >= run->es->n)
		return -1;
	if ((k = ent_slot(run, e, 0)) == SIZE_MAX)
		return name_kind(run->R, e);	/* not named here */
	if (run->ekind[k] == -2)
		run->ekind[k] = name_kind(run->R, e);
	return run->ekind[k];
}

/* The entity of a mention of the document (found once per run). */
static const struct entity *
mention_entity(const struct run *run, const struct mention *m)
{
	return run->ment_ent[m - run->doc->ment];
}

/* Build the units of the sentence text[ss..se). */
static void
sent_build(struct run *run, struct sent *S, size_t ss, size_t se)
{
	const struct document *doc = run->doc;
	const char *text = doc->art->text;
	struct timex txbuf[16], *tx = txbuf;
	uint64_t hw;
	size_t ntx, ti = 0, mi, p, k;
	size_t nm = 0, mj = 0;
	int kind;

	memset(S, 0, sizeof(*S));
	S->u = run->ubuf;	/* the run's, handed back by do_sentence() */
	S->cap = run->ucap;
	run->ubuf = NULL;
	run->ucap = 0;
	S->text = text;
	S->start = ss;
	S->end = se;
	/* room for every word folded (no longer than it is) and its NUL */
	if (run->lowcap < se - ss + SENT_MAXUNITS + 1) {
		free(run->lowbuf);
		run->lowcap = se - ss + SENT_MAXUNITS + 1;
		run->lowbuf = xmalloc(run->lowcap);
	}
	S->lowbuf = run->lowbuf;
	/* mentions inside the sentence, not overlapping each other */
	while (run->mi < doc->nment && doc->ment[run->mi].start < ss)
		run->mi++;
	for (mi = run->mi; mi < doc->nment && doc->ment[mi].start < se; mi++) {
		const struct mention *m = &doc->ment[mi];

		if (m->end > se || m->end <= m->start ||
		    mention_entity(run, m) == NULL)
			continue;
		if (nm > 0 && m->start < doc->ment[run->mlist[nm - 1]].end)
			continue;
		if (nm + 1 > run->capm)
			run->mlist = xgrow(run->mlist, &run->capm, nm + 1,
			    sizeof(*run->mlist));
		run->mlist[nm++] = mi;
	}
	/* dates, unless they overlap a mention */
	ntx = timex_scan(run->R->tx, text + ss, se - ss, txbuf,
	    sizeof(txbuf) / sizeof(txbuf[0]));
	if (ntx > sizeof(txbuf) / sizeof(txbuf[0])) {
		tx = xcalloc(ntx, sizeof(*tx));
		timex_scan(run->R->tx, text + ss, se - ss, tx, ntx);
	}
	for (p = ss; p < se && S->n < SENT_MAXUNITS; ) {
		size_t mnext = mj < nm ? doc->ment[run->mlist[mj]].start : se;
		size_t tnext, lim, e;
		enum utype t;
		struct unit *u;
		long cp;

		while (ti < ntx && (tx[ti].start + ss < p || (mj < nm &&
		    tx[ti].start + ss < doc->ment[run->mlist[mj]].end &&
		    tx[ti].end + ss > doc->ment[run->mlist[mj]].start)))
			ti++;
		tnext = ti < ntx ? tx[ti].start + ss : se;
		if (p == mnext) {
			const struct mention *m = &doc->ment[run->mlist[mj++]];

			u = sent_add(S, U_ENT, m->start, m->end);
			u->ent = mention_entity(run, m);
			u->adj = m->form == MF_ADJECTIVE;
			kind = u->adj ? -1 : entity_kind(run, u->ent);
			if (kind >= 0) {
				u->named = 1;
				u->kind = kind;
				u->kind_end = S->n;
			} else if (kind == KIND_NONMEMBER)
				u->organ = 1;
			u->upper = 1;
			p = m->end;
			continue;
		}
		if (p == tnext) {
			u = sent_add(S, U_DATE, p, tx[ti].end + ss);
			u->tx = tx[ti];
			u->tx.start += ss;
			u->tx.end += ss;
			p = u->end;
			ti++;
			continue;
		}
		if ((unsigned char)text[p] < 0x80) {	/* ASCII blanks */
			if (text[p] == ' ' || (text[p] >= '\t' &&
			    text[p] <= '\r')) {
				p++;
				continue;
			}
		} else {
			cp = utf8_get(text, se, p, &k);
			if (cp_space(cp)) {
				p += k;
				continue;
			}
		}
		lim = mnext < tnext ? mnext : tnext;
		e = lex(text, p, lim, &t);
		u = sent_add(S, t, p, e);
		u->low = S->lowbuf + S->lowlen;
		S->lowlen += fold_into(u->low, text + p, e - p, &hw) + 1;
		u->wid = word_find_h(run->R, u->low, hw);
		u->upper = (unsigned char)text[p] < 0x80 ? text[p] >= 'A' &&
		    text[p] <= 'Z' : text_is_upper_at(text + p);
		if (t == U_WORD && u->wid >= 0 && run->R->wnum[u->wid] >= 0) {
			u->type = U_NUM;
			u->num = run->R->wnum[u->wid];
		}
		if (u->type == U_NUM && u->num < 0) {
			const char *q;
			long v = 0;

			for (q = u->low; *q != '\0' && v >= 0; q++) {
				if (*q == ',')
					continue;
				if (*q == '.')
					break;
				v = v > 100000000 ? -1 : v * 10 + (*q - '0');
			}
			u->num = v;
		}
		p = e;
	}
	if (tx != txbuf)
		free(tx);
}

/*
 * The organisation in focus at byte offset pos of the sentence starting
 * at byte ss: the last organisation with members named before pos in the
 * sentence ("the NDB, which Egypt joined"); else, of those named in this
 * source paragraph or the CTX_PARAS before it, the one the document
 * names most (the last named on a tie); else, of those named more than
 * once in the FOCUS_PARAS before it, the one the document names most
 * (an article about one organisation names it once and then says "the
 * bloc" or nothing for several paragraphs).
 */
static const struct entity *
focus_org(const struct run *run, size_t ss, size_t pos)
{
	const struct entity *best = NULL;
	size_t i, bestn = 0;

	for (i = run->norgm; i > 0; i--) {
		const struct mention *m = &run->doc->ment[run->orgm[i - 1]];
		const struct entity *e = mention_entity(run, m);
		size_t k = ent_slot(run, e, 0), n;

		size_t back;

		if (m->end > pos)
			continue;
		back = run->srcpara - run->srcord[m->para];
		if (back > FOCUS_PARAS || (back > CTX_PARAS && best != NULL))
			break;
		/* institutes and named treaties have no members */
		if (entity_kind(run, e) != -1 ||
		    (size_t)(e - run->es->e) >= run->es->n)
			continue;
		if (m->start >= ss)
			return e;
		n = k == SIZE_MAX ? 0 : run->ecount[k];
		/* further back, only an organisation the document names
		 * more than once: the article's subject */
		if (back > CTX_PARAS && n < 2)
			continue;
		if (best == NULL || n > bestn) {
			best = e;
			bestn = n;
		}
	}
	return best;
}

/* --- matching ---------------------------------------------------------- */

struct item {
	size_t	u;		/* unit */
	int	cert;		/* of this list item */
};

struct capv {
	struct item	it[CAP_MAXITEMS];
	size_t		n;
};

struct mstate {
	const struct relate *R;
	const struct sent *S;
	struct capv	 cap[CAP__MAX];
	size_t		 list_lo[LIST_MAXLISTS], list_hi[LIST_MAXLISTS];
	size_t		 nlists;
	size_t		 end;
	unsigned long	 steps;
	struct memotab	*memo;		/* or NULL */
};

/* Ready ms for a match: empty captures (the items are not cleared). */
static void
mstate_init(struct mstate *ms, const struct relate *R, const struct sent *S)
{
	int i;

	ms->R = R;
	ms->S = S;
	for (i = 0; i < CAP__MAX; i++)
		ms->cap[i].n = 0;
	ms->nlists = 0;
	ms->end = 0;
	ms->steps = 0;
	ms->memo = NULL;
}

/* Ready the table for pattern p over sentence S: forget all. */
static void
memo_begin(struct memotab *mt, const struct pat *p, const struct sent *S)
{
	size_t need = p->nn * (S->n + 1);

	if (need > mt->cap) {
		free(mt->e);
		mt->e = xcalloc(need, sizeof(*mt->e));
		mt->cap = need;
	}
	mt->stride = S->n + 1;
	if (++mt->stamp == 0) {
		memset(mt->e, 0, mt->cap * sizeof(*mt->e));
		mt->stamp = 1;
	}
}

struct snap {
	size_t	n[CAP__MAX];
	size_t	nlists;
};

static void
snap_take(const struct mstate *ms, struct snap *sn)
{
	int i;

	for (i = 0; i < CAP__MAX; i++)
		sn->n[i] = ms->cap[i].n;
	sn->nlists = ms->nlists;
}

static void
snap_back(struct mstate *ms, const struct snap *sn)
{
	int i;

	for (i = 0; i < CAP__MAX; i++)
		ms->cap[i].n = sn->n[i];
	ms->nlists = sn->nlists;
}

static void
push(struct mstate *ms, int cap, size_t u, int cert)
{
	struct capv *c;

	if (cap < 0)
		return;
	c = &ms->cap[cap];
	if (c->n < CAP_MAXITEMS) {
		c->it[c->n].u = u;
		c->it[c->n].cert = cert;
		c->n++;
	}
}

static int
lit_pfx(const struct node *nd, const struct unit *u)
{
	size_t i;

	for (i = 0; i < nd->npfx; i++)
		if (strncmp(u->low, nd->pfx[i], nd->pfxn[i]) == 0)
			return 1;
	return 0;
}

static int
lit_ok(const struct node *nd, const struct unit *u)
{
	size_t lo = 0, hi = nd->nwid;

	if (u->low == NULL)
		return 0;
	if (u->wid >= 0 && hi == 1)
		return nd->wid[0] == u->wid || (nd->npfx > 0 &&
		    lit_pfx(nd, u));
	if (u->wid >= 0)
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (nd->wid[mid] == u->wid)
				return 1;
			if (nd->wid[mid] < u->wid)
				lo = mid + 1;
			else
				hi = mid;
		}
	return nd->npfx > 0 && lit_pfx(nd, u);
}

static int
ent_fits(const struct unit *u, enum stype st)
{
	enum etype t;

	if (u->type != U_ENT || u->adj)
		return 0;
	if (u->named)		/* a treaty named: fills KIND slots only */
		return st == ST_ENTITY;
	t = u->ent->type;
	switch (st) {
	case ST_STATE:
		return t == ET_COUNTRY;
	case ST_ORG:
		return t == ET_ORGANIZATION;
	case ST_PARTY:	/* a ministry or parliament acts for its state */
		return t == ET_COUNTRY || (t == ET_ORGANIZATION && !u->organ);
	case ST_PERSON:
		return t == ET_PERSON;
	case ST_GROUP:
		return t == ET_GROUP;
	case ST_REGION:
		return t == ET_REGION;
	case ST_CITY:
		return t == ET_CITY;
	case ST_ENTITY:
		return 1;
	default:
		return 0;
	}
}

/*
 * A gap skips anything but ';'; a strict one no state, no organisation
 * and no status ("have discussed an agreement" is not "have an
 * agreement").  u is the unit at index i.
 */
static int
gap_ok(const struct mstate *ms, const struct node *nd, size_t i)
{
	const struct unit *u = &ms->S->u[i];

	if (special_len(ms->R, ms->S, SP_GAP_STOP, i) > 0)
		return 0;
	return nd->any || ((!ent_fits(u, ST_PARTY) || u->owner) &&
	    u->status_end <= i);
}

static int m_node(struct mstate *, const struct pat *, int, size_t);
static int m_miss(struct mstate *, const struct pat *, int, size_t);
static int first_ok(const struct relate *, const struct sent *,
    const struct pat *, size_t);

/* Does unit u match a lookahead's words or slot types? */
static int
neg_hit(const struct node *nd, const struct unit *u)
{
	int st;

	if (lit_ok(nd, u))
		return 1;
	for (st = 0; st < ST__MAX; st++) {
		if (!(nd->negst & 1u << st))
			continue;
		if (st == ST_DATE ? u->type == U_DATE : st == ST_NUM ?
		    u->type == U_NUM : ent_fits(u, (enum stype)st))
			return 1;
	}
	return 0;
}

/* Length in units of a special class matched at pos, 0 if none. */
static size_t
special_len(const struct relate *R, const struct sent *S, enum special sp,
    size_t pos)
{
	struct mstate ms;
	size_t len = 0;

	if (!R->has_special[sp] || pos >= S->n)
		return 0;
	if (S->cache && S->spc[pos * SP__MAX + sp] >= 0)
		return (size_t)S->spc[pos * SP__MAX + sp];
	if (!(R->special[sp].first & FIRST_ENT) &&
	    !first_ok(R, S, &R->special[sp], pos))
		len = 0;
	else {
		mstate_init(&ms, R, S);
		if (m_node(&ms, &R->special[sp], R->special[sp].start, pos))
			len = ms.end - pos;
	}
	if (S->cache)
		S->spc[pos * SP__MAX + sp] = (int)len;
	return len;
}

static int
min_cert(int a, int b)
{
	return a < b ? a : b;
}

/*
 * Units before a list item that do not stop the list: list fillers
 * ("such as", "countries like"), hedges ("possibly", which lower the
 * item's certainty), adjectives and regions ("Central Asian"), and
 * after the first item capitalised words.  Returns units taken.
 */
static size_t
filler_at(const struct mstate *ms, size_t q, int first, int *cert)
{
	const struct unit *u = &ms->S->u[q];
	size_t n;

	if (u->hedge_end > q) {
		*cert = min_cert(*cert, u->hedge);
		return u->hedge_end - q;
	}
	if ((n = special_len(ms->R, ms->S, SP_LIST_FILLER, q)) > 0)
		return n;
	if (u->type == U_ENT && (u->adj || u->ent->type == ET_REGION))
		return 1;
	if (!first && u->type == U_WORD && u->upper)
		return 1;
	return 0;
}

struct litem {
	size_t	u, end;
	int	cert;
};

/*
 * After a list item at p, a relative clause between commas ("A, which
 * joined in 2021, as well as B"): the units up to its closing comma,
 * or 0.  The clause holds no entity that fits st and at most
 * LIST_MAXREL units; the list goes on only when a separator follows.
 */
static size_t
relative_len(const struct mstate *ms, enum stype st, size_t p)
{
	const struct sent *S = ms->S;
	size_t q, r;

	if (p + 1 >= S->n || special_len(ms->R, S, SP_LIST_SEP, p) == 0 ||
	    (r = special_len(ms->R, S, SP_RELATIVE, p + 1)) == 0)
		return 0;
	for (q = p + 1 + r; q < S->n && q <= p + LIST_MAXREL; q++) {
		if (ent_fits(&S->u[q], st) ||
		    special_len(ms->R, S, SP_GAP_STOP, q) > 0)
			return 0;
		if (special_len(ms->R, S, SP_LIST_SEP, q) > 0)
			return q - p;
	}
	return 0;
}

/*
 * A coordinated list of entities fitting st from pos: item (sep item)*
 * where sep is ',' or a list_conj or both, and a relative clause may
 * stand after an item (relative_len()).  Returns the item count.
 */
static size_t
parse_list(const struct mstate *ms, enum stype st, size_t pos,
    struct litem *out, size_t max)
{
	const struct sent *S = ms->S;
	size_t p = pos, n = 0;
	int conj = 0;

	while (n < max) {
		size_t q = p, fill = 0, s;
		int cert = CERT_CERTAIN;

		while (q < S->n && !ent_fits(&S->u[q], st)) {
			size_t len;

			if (fill == LIST_MAXFILL ||
			    (len = filler_at(ms, q, n == 0, &cert)) == 0)
				return n;
			q += len;
			fill++;
		}
		if (q >= S->n)
			return n;
		out[n].u = q;
		out[n].end = q + 1;
		out[n].cert = cert;
		n++;
		p = q + 1;
		if (p < S->n && S->u[p].sep)	/* "the two countries" */
			s = 1;
		else {
			size_t r = relative_len(ms, st, p), c;

			if (r > 0 && special_len(ms->R, S, SP_LIST_SEP,
			    p + r) > 0 && p + r + 1 < S->n &&
			    (ent_fits(&S->u[p + r + 1], st) ||
			    special_len(ms->R, S, SP_LIST_CONJ, p + r + 1) > 0))
				p += r;
			s = special_len(ms->R, S, SP_LIST_SEP, p);
			c = special_len(ms->R, S, SP_LIST_CONJ, p + s);
			/* "A and B, C's partners": after "and" or "or" a
			 * bare comma ends the list ("as well as A, B and
			 * C" goes on) */
			if (conj && c == 0)
				return n;
			conj = c == 1 && (S->u[p + s].wid == ms->R->w_and ||
			    S->u[p + s].wid == ms->R->w_or);
			s += c;
		}
		if (s == 0)
			return n;
		p += s;
	}
	return n;
}

static int
m_slot(struct mstate *ms, const struct pat *p, const struct node *nd,
    size_t pos)
{
	const struct sent *S = ms->S;
	const struct unit *u = pos < S->n ? &S->u[pos] : NULL;
	struct litem li[CAP_MAXITEMS];
	struct snap sn;
	size_t n, k, i, next;

	if (u == NULL)
		return 0;
	snap_take(ms, &sn);
	switch (nd->st) {
	case ST_KIND:
		if (u->kind_end <= pos)
			return 0;
		next = u->kind_end;
		break;
	case ST_STATUS:
		if (u->status_end <= pos)
			return 0;
		next = u->status_end;
		break;
	case ST_DATE:
		if (u->type != U_DATE)
			return 0;
		next = pos + 1;
		break;
	case ST_NUM:
		if (u->type != U_NUM || u->num < 0)
			return 0;
		next = pos + 1;
		break;
	default:
		if (!nd->list) {
			/* "the SCO": an entity slot takes a determiner */
			if (!ent_fits(u, nd->st) &&
			    (k = special_len(ms->R, S, SP_DETERMINER,
			    pos)) > 0 &&
			    pos + k < S->n && ent_fits(&S->u[pos + k], nd->st))
				pos += k;
			else if (!ent_fits(u, nd->st))
				return 0;
			next = pos + 1;
			break;
		}
		n = parse_list(ms, nd->st, pos, li, CAP_MAXITEMS);
		/* the whole list, else its first item alone: trying every
		 * length would make long lists quadratic */
		for (k = n; k > 0; k = k > 1 ? 1 : 0) {
			for (i = 0; i < k; i++)
				push(ms, nd->cap, li[i].u, li[i].cert);
			if (ms->nlists < LIST_MAXLISTS) {
				ms->list_lo[ms->nlists] = pos;
				ms->list_hi[ms->nlists] = li[k - 1].end;
				ms->nlists++;
			}
			if (!m_miss(ms, p, nd->next, li[k - 1].end) &&
			    m_node(ms, p, nd->next, li[k - 1].end))
				return 1;
			snap_back(ms, &sn);
		}
		return 0;
	}
	push(ms, nd->cap, pos, CERT_CERTAIN);
	if (!m_miss(ms, p, nd->next, next) && m_node(ms, p, nd->next, next))
		return 1;
	snap_back(ms, &sn);
	return 0;
}

static int m_node1(struct mstate *, const struct pat *, int, size_t);

/*
 * m_node() for a word node whose word is not at pos: a failure of one
 * step (counted, as m_node() would), found without the call.
 */
static size_t alt_range(const struct mstate *, const struct node *, size_t,
    size_t *);

static int
m_miss(struct mstate *ms, const struct pat *p, int ni, size_t pos)
{
	const struct node *nd = &p->n[ni];
	size_t lo;

	/* an alternation of plain words, none of them there: the node's
	 * step and one for each branch */
	if (nd->type == N_ALT && nd->naother == 0 &&
	    alt_range(ms, nd, pos, &lo) == lo) {
		ms->steps += 1 + nd->nalt;
		return 1;
	}
	if (nd->type != N_LIT || nd->neg ||
	    (pos < ms->S->n && lit_ok(nd, &ms->S->u[pos])))
		return 0;
	ms->steps++;
	return 1;
}

/*
 * The branches of alternation nd whose plain word is at unit pos:
 * ak[*lo .. return value).  None when the unit has no word id.
 */
static size_t
alt_range(const struct mstate *ms, const struct node *nd, size_t pos,
    size_t *lo)
{
	const struct unit *u;
	size_t a = 0, b = nd->nak, hi;

	*lo = 0;
	if (pos >= ms->S->n || (u = &ms->S->u[pos])->low == NULL ||
	    u->wid < 0)
		return 0;
	while (a < b) {		/* the first key >= wid */
		size_t mid = a + (b - a) / 2;

		if (nd->ak[mid].wid < u->wid)
			a = mid + 1;
		else
			b = mid;
	}
	for (hi = a; hi < nd->nak && nd->ak[hi].wid == u->wid; hi++)
		;
	*lo = a;
	return hi;
}

/*
 * Try the branches of alternation nd at pos in order.  A plain word
 * branch whose word is not there is not called: it would fail in one
 * step, which is counted all the same.
 */
static int
m_alt(struct mstate *ms, const struct pat *p, const struct node *nd,
    size_t pos)
{
	struct snap sn;
	size_t lo, hi = alt_range(ms, nd, pos, &lo), io = 0;
	long prev = -1, br;

	snap_take(ms, &sn);
	while (lo < hi || io < nd->naother) {
		if (io == nd->naother || (lo < hi &&
		    nd->ak[lo].br < nd->aother[io]))
			br = nd->ak[lo++].br;
		else
			br = nd->aother[io++];
		ms->steps += (unsigned long)(br - prev - 1);
		prev = br;
		if (m_miss(ms, p, nd->alt[br], pos))
			continue;	/* nothing to undo */
		if (m_node(ms, p, nd->alt[br], pos))
			return 1;
		snap_back(ms, &sn);
	}
	ms->steps += (unsigned long)((long)nd->nalt - prev - 1);
	return 0;
}

static int
m_node(struct mstate *ms, const struct pat *p, int ni, size_t pos)
{
	struct memo *e;
	unsigned long steps0;
	int ok;

	if (ms->memo == NULL || pos >= ms->memo->stride)
		return m_node1(ms, p, ni, pos);
	e = &ms->memo->e[(size_t)ni * ms->memo->stride + pos];
	if (e->stamp == ms->memo->stamp) {
		ms->steps += e->steps;
		return 0;
	}
	steps0 = ms->steps;
	ok = m_node1(ms, p, ni, pos);
	if (!ok && ms->steps <= MATCH_MAXSTEPS) {
		e->stamp = ms->memo->stamp;
		e->steps = (uint32_t)(ms->steps - steps0);
	}
	return ok;
}

static int
m_node1(struct mstate *ms, const struct pat *p, int ni, size_t pos)
{
	const struct node *nd = &p->n[ni];
	const struct sent *S = ms->S;
	size_t k;

	if (++ms->steps > MATCH_MAXSTEPS)
		return 0;
	switch (nd->type) {
	case N_END:
		ms->end = pos;
		return 1;
	case N_LIT:
		if (nd->neg)
			return (pos >= S->n || !neg_hit(nd, &S->u[pos])) &&
			    m_node(ms, p, nd->next, pos);
		return pos < S->n && lit_ok(nd, &S->u[pos]) &&
		    !m_miss(ms, p, nd->next, pos + 1) &&
		    m_node(ms, p, nd->next, pos + 1);
	case N_GAP:
		for (k = 0; k <= (size_t)nd->max && pos + k <= S->n; k++) {
			if (k > 0 && !gap_ok(ms, nd, pos + k - 1))
				break;
			if (!m_miss(ms, p, nd->next, pos + k) &&
			    m_node(ms, p, nd->next, pos + k))
				return 1;
		}
		return 0;
	case N_ALT:
		return m_alt(ms, p, nd, pos);
	case N_SLOT:
		return m_slot(ms, p, nd, pos);
	}
	return 0;
}

/* Can a match of p start at unit pos?  A quick filter. */
static int
first_ok(const struct relate *R, const struct sent *S, const struct pat *p,
    size_t pos)
{
	const struct unit *u;
	size_t lo = 0, hi = p->nfwid;

	if (p->first & FIRST_ANY)
		return 1;
	if (pos >= S->n)
		return 0;
	u = &S->u[pos];
	if ((p->first & FIRST_KIND) && u->kind_end > pos)
		return 1;
	if ((p->first & FIRST_STATUS) && u->status_end > pos)
		return 1;
	if ((p->first & FIRST_DATE) && u->type == U_DATE)
		return 1;
	if ((p->first & FIRST_NUM) && u->type == U_NUM)
		return 1;
	if ((p->first & FIRST_ENT) && (u->type == U_ENT ||
	    special_len(R, S, SP_DETERMINER, pos) > 0))
		return 1;
	/* a list starts with an item or a filler (see filler_at()) */
	if ((p->first & FIRST_LIST) && (u->type == U_ENT ||
	    u->hedge_end > pos || special_len(R, S, SP_LIST_FILLER, pos) > 0))
		return 1;
	if ((p->first & FIRST_WORD) && u->wid >= 0)
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (p->fwid[mid] == u->wid)
				return 1;
			if (p->fwid[mid] < u->wid)
				lo = mid + 1;
			else
				hi = mid;
		}
	return 0;
}

/* Does p match at unit pos?  memo: NULL, or ready for p and S. */
static int
pat_match_memo(struct mstate *ms, const struct relate *R,
    const struct sent *S, const struct pat *p, size_t pos,
    struct memotab *memo)
{
	if (!first_ok(R, S, p, pos))
		return 0;
	mstate_init(ms, R, S);
	ms->memo = memo;
	return m_node(ms, p, p->start, pos);
}

static int
pat_match(struct mstate *ms, const struct relate *R, const struct sent *S,
    const struct pat *p, size_t pos)
{
	return pat_match_memo(ms, R, S, p, pos, NULL);
}

/* --- chunks: anaphora, kinds, statuses, hedges ------------------------- */

#define PAIR_MAX	9	/* "the nine members" */
#define PAIR_PARAS	8	/* a list of that many is found this far back */

/*
 * Is text[a..b) only list punctuation ("A, the B and C")?  Commas and
 * the words "and", "or", "the" between two states named in a row.
 */
static int
list_gap(const char *text, size_t a, size_t b)
{
	static const char *const w[] = { "and", "or", "the", NULL };
	size_t i = a, k, n;

	while (i < b) {
		if (text[i] == ' ' || text[i] == ',') {
			i++;
			continue;
		}
		for (k = 0; w[k] != NULL; k++) {
			n = strlen(w[k]);
			if (i + n <= b && strncmp(text + i, w[k], n) == 0 &&
			    (i + n == b || text[i + n] == ' ' ||
			    text[i + n] == ','))
				break;
		}
		if (w[k] == NULL)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * The n states that "the n countries" names, before byte offset pos, the
 * earliest first into out: two are the last two different states named
 * in this source paragraph or the CTX_PARAS before it; more (or two
 * not found so) are the last list of exactly n different states named
 * in a row ("A, B and C") in this one or the PAIR_PARAS before it; 0 if
 * there are none.
 */
/*
 * The last country named before byte offset pos, in this source
 * paragraph or the FOCUS_PARAS before it, that has no COW state code
 * (a dependency or special territory: Hong Kong, Puerto Rico), or NULL.
 */
static const struct entity *
last_territory(const struct run *run, size_t pos)
{
	size_t i;

	for (i = run->nstatem; i > 0; i--) {
		const struct mention *m = &run->doc->ment[run->statem[i - 1]];
		const struct entity *e = mention_entity(run, m);

		if (m->end > pos)
			continue;
		if (run->srcpara - run->srcord[m->para] > FOCUS_PARAS)
			break;
		if (e->cow_ccode == NULL || *e->cow_ccode == '\0')
			return e;
	}
	return NULL;
}

/*
 * The two states the document names most, each more than twice and
 * both more often than any other, into out[0..1]; 0 if there are not
 * two such.
 */
static int
top_states(const struct run *run, const struct entity *out[PAIR_MAX])
{
	const struct entity *e[3] = { NULL, NULL, NULL };
	size_t c[3] = { 0, 0, 0 }, i, k, j, n;

	for (i = 0; i < run->nstatem; i++) {
		const struct entity *x =
		    mention_entity(run, &run->doc->ment[run->statem[i]]);

		if (x == e[0] || x == e[1] || x == e[2] ||
		    (k = ent_slot(run, x, 0)) == SIZE_MAX)
			continue;
		n = run->ecount[k];
		for (j = 0; j < 3 && n <= c[j]; j++)
			;
		if (j == 3)
			continue;
		for (k = 2; k > j; k--) {
			e[k] = e[k - 1];
			c[k] = c[k - 1];
		}
		e[j] = x;
		c[j] = n;
	}
	if (e[1] == NULL || c[1] <= 2 || c[1] == c[2])
		return 0;
	out[0] = e[0];
	out[1] = e[1];
	return 1;
}

static int
last_states(const struct run *run, size_t pos, size_t n,
    const struct entity *out[PAIR_MAX])
{
	const char *text = run->doc->art->text;
	size_t i, k, got = 0, runlen = 0, runend = 0;
	const struct entity *rl[PAIR_MAX + 1];

	/* two: the last two named ("the two countries" after "A's talks
	 * with B"); three or more: a list */
	if (n == 2) {
		for (i = run->nstatem; i > 0 && got < n; i--) {
			const struct mention *m =
			    &run->doc->ment[run->statem[i - 1]];
			const struct entity *e = mention_entity(run, m);

			if (m->end > pos)
				continue;
			if (run->srcpara - run->srcord[m->para] > CTX_PARAS)
				break;
			for (k = 0; k < got; k++)
				if (out[n - 1 - k] == e)
					break;
			if (k < got)
				continue;
			out[n - 1 - got] = e;	/* filled from the end */
			got++;
		}
		if (got == n)
			return 1;
		/* else the two states the document names most ("both
		 * new members" of an article about two accessions) */
		if (top_states(run, out))
			return 1;
	}
	/* a list of exactly n: runs of states named in a row, from the
	 * last one back */
	for (i = run->nstatem; i > 0; i--) {
		const struct mention *m = &run->doc->ment[run->statem[i - 1]];
		const struct entity *e = mention_entity(run, m);
		int brk;

		if (m->end > pos)
			continue;
		if (run->srcpara - run->srcord[m->para] > PAIR_PARAS)
			break;
		if (runlen > 0 && !list_gap(text, m->end, runend)) {
			if (runlen == n)
				break;
			runlen = 0;
		}
		for (k = 0; k < runlen && k <= n; k++)
			if (rl[k] == e)
				break;
		brk = k < runlen;	/* a state twice: not one list */
		if (runlen <= n)
			rl[runlen] = e;
		runlen++;
		runend = m->start;
		if (brk)
			runlen = 0;
	}
	if (runlen == n) {
		for (k = 0; k < n; k++)
			out[k] = rl[n - 1 - k];
		return 1;
	}
	return 0;
}

static struct unit *
sent_splice(struct sent *S, size_t i, size_t end, size_t n)
{
	size_t j, s0 = S->u[i].start, e0 = S->u[end - 1].end;

	for (j = i; j < end && S->lowbuf == NULL; j++)
		free(S->u[j].low);
	S->u = xgrow(S->u, &S->cap, S->n - (end - i) + n, sizeof(*S->u));
	memmove(S->u + i + n, S->u + end, (S->n - end) * sizeof(*S->u));
	S->n = S->n - (end - i) + n;
	for (j = i; j < i + n; j++) {
		memset(&S->u[j], 0, sizeof(S->u[j]));
		S->u[j].start = s0;
		S->u[j].end = e0;
		S->u[j].num = -1;
		S->u[j].wid = -1;
	}
	return &S->u[i];
}

/*
 * Bind anaphors: "the organization" becomes the organisation in focus;
 * "the two countries" becomes "A and B", the last two states named.
 */
static void
resolve_anaphora(const struct run *run, struct sent *S)
{
	const struct relate *R = run->R;
	struct mstate ms;
	size_t i, r, k, nrl;
	size_t *rl = S->rlist != NULL ? S->rlist :
	    xcalloc(R->nr + 1, sizeof(*rl));

	/* the rules the sentence may match, found again after a change */
	for (k = nrl = 0; k < R->nbytype[R_ANAPHOR]; k++)
		if (rule_possible(R, S, (r = R->bytype[R_ANAPHOR][k])))
			rl[nrl++] = r;
	for (i = 0; i < S->n && nrl > 0; i++) {
		const struct entity *f, *pair[PAIR_MAX];
		struct unit *u;
		size_t end = 0;
		int what = AN_ORG;

		for (k = 0; k < nrl; k++) {
			r = rl[k];
			if (pat_match(&ms, R, S, &R->r[r].pat, i) &&
			    ms.end > end) {
				end = ms.end;
				what = R->r[r].val;
			}
		}
		if (end == 0)
			continue;
		if (what == AN_TERR) {
			/* "the territory": the last country named that is
			 * no state of the Correlates of War list */
			if ((f = last_territory(run, S->u[i].start)) == NULL)
				continue;
			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = f;
			u->upper = 1;
		} else if (what == AN_OWNER) {
			/* "its accession treaty": the party named last
			 * before it in the sentence, else the previous
			 * sentence's subject; only "its" is replaced (by
			 * the party and a possessive) */
			const struct entity *sj = run->subj;
			size_t j;
			int ps;

			for (j = i; j > 0; j--)
				if (S->u[j - 1].type == U_ENT &&
				    ent_fits(&S->u[j - 1], ST_PARTY)) {
					sj = S->u[j - 1].ent;
					break;
				}
			if ((ps = word_find(R, "'s")) < 0 || (j == 0 &&
			    (sj == NULL ||
			    run->srcpara - run->subj_para > SUBJ_PARAS)))
				continue;
			u = sent_splice(S, i, i + 1, 2);
			u[0].type = U_ENT;
			u[0].ent = sj;
			u[0].upper = 1;
			u[0].owner = 1;
			u[1].type = U_WORD;
			u[1].wid = ps;
			u[1].low = R->word[ps];
			sent_word(R, S, ps);
			i++;
		} else if (what == AN_SUBJ) {
			/* only a clause's subject: at the start of the
			 * sentence or after a punctuation mark or "and" */
			const struct entity *sj = run->subj;
			size_t j;

			if (i > 0 && S->u[i - 1].type != U_PUNCT &&
			    special_len(R, S, SP_LIST_CONJ, i - 1) == 0)
				continue;
			/* a state named as an owner before it in the
			 * sentence comes first: "A's ties are intact: it
			 * remains ..." */
			for (j = i; j > 0; j--)
				if (S->u[j - 1].type == U_ENT &&
				    ent_fits(&S->u[j - 1], ST_STATE) &&
				    special_len(R, S, SP_POSSESSIVE, j) > 0) {
					sj = S->u[j - 1].ent;
					break;
				}
			if (j == 0 && (sj == NULL ||
			    run->srcpara - run->subj_para > SUBJ_PARAS))
				continue;
			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = sj;
			u->upper = 1;
		} else if (what == AN_ORG) {
			if ((f = focus_org(run, S->start, S->u[i].start)) ==
			    NULL)
				continue;
			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = f;
			u->upper = 1;
		} else {
			/* "the two countries", "the three governments":
			 * as many states as the number says (2 without) */
			size_t n = 2, j;

			for (j = i; j < end; j++)
				if (S->u[j].type == U_NUM && S->u[j].num >= 2 &&
				    S->u[j].num <= PAIR_MAX)
					n = (size_t)S->u[j].num;
			if (!last_states(run, S->u[i].start, n, pair))
				continue;
			u = sent_splice(S, i, end, 2 * n - 1);
			for (j = 0; j < 2 * n - 1; j++) {
				if (j % 2 == 0) {
					u[j].type = U_ENT;
					u[j].ent = pair[j / 2];
					u[j].upper = 1;
				} else {
					u[j].type = U_PUNCT;
					u[j].sep = 1;
				}
			}
			i += 2 * n - 2;
		}
		sent_changed(S);
		for (k = nrl = 0; k < R->nbytype[R_ANAPHOR]; k++)
			if (rule_possible(R, S, (r = R->bytype[R_ANAPHOR][k])))
				rl[nrl++] = r;
	}
	if (rl != S->rlist)
		free(rl);
}

/* Mark the leftmost-longest chunks of the rules of type t. */
static void
annotate(const struct relate *R, struct sent *S, enum rtype t)
{
	struct mstate ms;
	size_t i, r, j, k, end, nposs = 0;
	unsigned char *poss = S->rflag != NULL ? S->rflag :
	    xcalloc(R->nr + 1, 1);
	int val, generic;

	/* only rules of type t are looked at below */
	for (k = 0; k < R->nbytype[t]; k++) {
		r = R->bytype[t][k];
		poss[r] = (unsigned char)rule_possible(R, S, r);
		nposs += poss[r];
	}
	for (i = 0; i < S->n && nposs > 0; i++) {
		/* the rules that can start here, in rule order: those
		 * starting with this word, and those not starting with a
		 * word (first_ok() would turn down the others) */
		const size_t *a = R->anyr[t], *b = NULL;
		size_t na = R->nanyr[t], nb = 0, ia = 0, ib = 0;

		if (S->u[i].wid >= 0) {
			b = R->byw[t] + R->bywoff[t][S->u[i].wid];
			nb = R->bywoff[t][S->u[i].wid + 1] -
			    R->bywoff[t][S->u[i].wid];
		}
		end = 0;
		val = generic = 0;
		while (ia < na || ib < nb) {
			r = ib == nb || (ia < na && a[ia] < b[ib]) ? a[ia++] :
			    b[ib++];
			if (poss[r] && pat_match(&ms, R, S, &R->r[r].pat, i) &&
			    ms.end > end) {
				end = ms.end;
				val = R->r[r].val;
				generic = R->r[r].generic;
			}
		}
		if (end <= i)
			continue;
		switch (t) {
		case R_KIND:
			S->u[i].kind_end = end;
			S->u[i].kind = val;
			S->u[i].kind_generic = generic;
			break;
		case R_STATUS:
			S->u[i].status_end = end;
			S->u[i].status = val;
			break;
		default:
			S->u[i].hedge_end = end;
			S->u[i].hedge = val;
			break;
		}
	}
	/* leftmost-longest: drop chunks that start inside an earlier one */
	for (i = 0; i < S->n; i++) {
		size_t *e = t == R_KIND ? &S->u[i].kind_end :
		    t == R_STATUS ? &S->u[i].status_end : &S->u[i].hedge_end;

		if (*e <= i)
			continue;
		for (j = i + 1; j < *e; j++) {
			if (t == R_KIND)
				S->u[j].kind_end = 0;
			else if (t == R_STATUS)
				S->u[j].status_end = 0;
			else
				S->u[j].hedge_end = 0;
		}
		i = *e - 1;
	}
	if (poss != S->rflag)
		free(poss);
	sent_changed(S);
}

/* --- relations --------------------------------------------------------- */

#define ROW_MAXPARTIES	(CAP_MAXITEMS + 1)

struct trow {
	int		 kind, status, cert;
	long		 count;
	const char	*party[ROW_MAXPARTIES];
	size_t		 np;
	struct timex_value date;
	size_t		 anchor;
};

struct mrow {
	const char	*org, *member;
	int		 status, cert;
	struct timex_value start, end;
	size_t		 anchor;
};

struct rows {
	struct trow	*t;
	size_t		 nt, capt;
	struct mrow	*m;
	size_t		 nm, capm;
};

static int
in_list(const struct mstate *ms, size_t i)
{
	size_t k;

	for (k = 0; k < ms->nlists; k++)
		if (i >= ms->list_lo[k] && i < ms->list_hi[k])
			return 1;
	return 0;
}

static int
stops_window(const struct relate *R, const struct sent *S, size_t i)
{
	if (S->u[i].type == U_ENT && !S->u[i].adj)
		return 1;
	return special_len(R, S, SP_WINDOW_STOP, i) > 0;
}

/* First unit of the window read for hedges and negation. */
static size_t
window_start(const struct relate *R, const struct sent *S, size_t start)
{
	size_t w = start, k;

	for (k = 0; k < PRE_WINDOW && w > 0; k++) {
		if (stops_window(R, S, w - 1))
			break;
		w--;
	}
	return w;
}

/*
 * The certainty of a match: the rule's, lowered by the hedges in the
 * window (list items keep their own); -1 if a negation is there.
 */
static int
match_cert(const struct mstate *ms, const struct rule *ru, size_t start)
{
	const struct sent *S = ms->S;
	int cert = ru->cert;
	size_t i;

	for (i = window_start(ms->R, S, start); i < ms->end; i++) {
		if (in_list(ms, i))
			continue;
		if (special_len(ms->R, S, SP_NEGATION, i) > 0)
			return -1;
		if (S->u[i].hedge_end > i)
			cert = min_cert(cert, S->u[i].hedge);
	}
	return cert;
}

/* The date unit of a match by the rule's policy, or NULL. */
/*
 * Does unit j open a clause: after a comma, a conjunction or a
 * window_stop (and a determiner)?  "..., and B will leave", not "took
 * over from B in May".
 */
static int
clause_subject(const struct relate *R, const struct sent *S, size_t j)
{
	if (j > 0 && special_len(R, S, SP_DETERMINER, j - 1) == 1)
		j--;
	return j == 0 || special_len(R, S, SP_LIST_SEP, j - 1) > 0 ||
	    special_len(R, S, SP_WINDOW_STOP, j - 1) > 0 ||
	    S->u[j - 1].wid == R->w_and || S->u[j - 1].wid == R->w_or;
}

/* Is entity e named in units [lo, hi) of S ("NATO ... (NATO)")? */
static int
in_match(const struct sent *S, size_t lo, size_t hi, const struct entity *e)
{
	size_t j;

	for (j = lo; j < hi && j < S->n; j++)
		if (S->u[j].type == U_ENT && S->u[j].ent == e)
			return 1;
	return 0;
}

static const struct timex *
match_date(const struct mstate *ms, const struct rule *ru, size_t start)
{
	const struct sent *S = ms->S;
	size_t i, best = 0, bestd = (size_t)-1, lo0 = start, hi0 = ms->end;

	if (ms->cap[CAP_DATE].n > 0)
		return &S->u[ms->cap[CAP_DATE].it[0].u].tx;
	if (ru->date == DP_NONE)
		return NULL;
	/* distances count from the status ("signed") when there is one */
	if (ms->cap[CAP_STATUS].n > 0) {
		lo0 = ms->cap[CAP_STATUS].it[0].u;
		hi0 = S->u[lo0].status_end;
	}
	for (i = 0; i < S->n; i++) {
		size_t d, j, lo, hi;
		int barred = 0;

		if (S->u[i].type != U_DATE)
			continue;
		if (ru->date == DP_SPAN && (i < start || i >= ms->end))
			continue;
		/* "A, which joined in 2021, and B": one item's date */
		for (j = 0; j < ms->nlists; j++)
			if (i > ms->list_lo[j] && i < ms->list_hi[j])
				break;
		if (j < ms->nlists)
			continue;
		d = i < lo0 ? lo0 - i : i >= hi0 ? i - hi0 + 1 : 0;
		/* "joined in 2024, after B ratified ...": not B's date */
		lo = i < lo0 ? i + 1 : hi0;
		hi = i < lo0 ? lo0 : i;
		/* nor across another state or organisation outside the
		 * match: "A joined X on Tuesday, and B will leave Y on 1
		 * January" */
		for (j = lo; j < hi && !barred; j++)
			barred = special_len(ms->R, S, SP_DATE_BARRIER,
			    j) > 0 ||
			    ((j < start || j >= ms->end) &&
			    ent_fits(&S->u[j], ST_PARTY) &&
			    clause_subject(ms->R, S, j) &&
			    !in_match(S, start, ms->end, S->u[j].ent));
		if (barred)
			continue;
		if (d < bestd) {
			best = i;
			bestd = d;
		}
	}
	return bestd == (size_t)-1 ? NULL : &S->u[best].tx;
}

/* Is the generic kind chunk at k anaphoric ("the latest treaties")? */
static int
kind_anaphoric(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j, n;

	for (n = 0, j = k; j > 0 && n < ANAPHOR_WINDOW; j--, n++) {
		const struct unit *u = &S->u[j - 1];

		if (u->type == U_ENT || stops_window(R, S, j - 1))
			return 0;
		if (special_len(R, S, SP_DEFINITE, j - 1) > 0)
			return 1;
	}
	return 0;
}

/*
 * Is the kind chunk at k owned by a state or organisation named right
 * before it ("China's treaties", "Kenyan treaties")?  Then no party is
 * carried over from context.
 */
static int
kind_owned(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j;

	for (j = k; j > 0 && k - j < 3; j--) {
		const struct unit *u = &S->u[j - 1];

		if (u->type == U_ENT)
			return u->ent->type == ET_COUNTRY ||
			    u->ent->type == ET_ORGANIZATION;
		if (special_len(R, S, SP_POSSESSIVE, j - 1) == 0)
			return 0;
	}
	return 0;
}

static int
kind_plural(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j;

	for (j = k; j < S->u[k].kind_end; j++)
		if (special_len(R, S, SP_PLURAL, j) > 0)
			return 1;
	return 0;
}

static int
has_party(const struct trow *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->np; i++)
		if (strcmp(t->party[i], id) == 0)
			return 1;
	return 0;
}

static void
add_party(struct trow *t, const char *id)
{
	if (t->np < ROW_MAXPARTIES && !has_party(t, id))
		t->party[t->np++] = id;
}

/* Does earlier row a make row b redundant? */
static int
trow_covers(const struct trow *a, const struct trow *b)
{
	size_t i;

	if (a->kind != b->kind || a->status != b->status ||
	    (b->count >= 0 && a->count != b->count))
		return 0;
	for (i = 0; i < b->np; i++)
		if (!has_party(a, b->party[i]))
			return 0;
	return 1;
}

static void
trow_add(struct rows *rw, const struct trow *t)
{
	size_t i;

	if (t->np == 0)
		return;
	for (i = 0; i < rw->nt; i++)
		if (trow_covers(&rw->t[i], t))
			return;
	/* a row this one covers goes: "signed treaties" gives way to
	 * "signed treaties with 20 countries" */
	for (i = 0; i < rw->nt; )
		if (trow_covers(t, &rw->t[i])) {
			memmove(rw->t + i, rw->t + i + 1,
			    (rw->nt - i - 1) * sizeof(*rw->t));
			rw->nt--;
		} else
			i++;
	rw->t = xgrow(rw->t, &rw->capt, rw->nt + 1, sizeof(*rw->t));
	rw->t[rw->nt++] = *t;
}

/* Does a distributive word ("each") stand in the window of a match? */
static int
distributive(const struct mstate *ms, size_t start)
{
	size_t i;

	for (i = window_start(ms->R, ms->S, start); i < ms->end; i++)
		if (!in_list(ms, i) &&
		    special_len(ms->R, ms->S, SP_DISTRIBUTIVE, i) > 0)
			return 1;
	return 0;
}

/*
 * The rows of one subject group (base holds its parties): an aggregate
 * row for a count, then one row per counterpart (plural kind or count)
 * or one row with all counterparts, or the subject alone.
 */
static void
treaty_group(const struct mstate *ms, const struct trow *base, int plural,
    struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *W = &ms->cap[CAP_WITH];
	/* a count of at least one (the tables' constraint) */
	int counted = ms->cap[CAP_COUNT].n > 0 &&
	    S->u[ms->cap[CAP_COUNT].it[0].u].num >= 1;
	struct trow t;
	size_t j;

	if (counted) {
		t = *base;
		t.count = S->u[ms->cap[CAP_COUNT].it[0].u].num;
		t.anchor = ms->cap[CAP_COUNT].it[0].u;
		trow_add(rw, &t);
	}
	if (W->n > 0 && (plural || counted)) {
		for (j = 0; j < W->n; j++) {
			t = *base;
			add_party(&t, S->u[W->it[j].u].ent->id);
			t.cert = min_cert(t.cert, W->it[j].cert);
			t.anchor = W->it[j].u;
			if (t.np > base->np)
				trow_add(rw, &t);
		}
	} else if (W->n > 0) {
		t = *base;
		for (j = 0; j < W->n; j++) {
			add_party(&t, S->u[W->it[j].u].ent->id);
			t.cert = min_cert(t.cert, W->it[j].cert);
		}
		trow_add(rw, &t);
	} else if (!counted)
		trow_add(rw, base);
}

/* Are all the parties captured among those of the treaty context? */
static int
parties_in_ctx(const struct run *run, const struct sent *S,
    const struct capv *P)
{
	size_t i, j;

	for (i = 0; i < P->n; i++) {
		for (j = 0; j < run->ctx_nall; j++)
			if (strcmp(run->ctx_all[j],
			    S->u[P->it[i].u].ent->id) == 0)
				break;
		if (j == run->ctx_nall)
			return 0;
	}
	return 1;
}

/* Is the entity id one of P's? */
static int
party_is(const struct sent *S, const struct capv *P, const char *id)
{
	size_t i;

	for (i = 0; i < P->n && id != NULL; i++)
		if (strcmp(id, S->u[P->it[i].u].ent->id) == 0)
			return 1;
	return 0;
}

/* Is kind k one that a kind rule marks generic ("treaty")? */
static int
kind_is_generic(const struct relate *R, int k)
{
	return k >= 0 && k < (int)sizeof(R->kgeneric) && R->kgeneric[k];
}

/*
 * Does "with" follow unit e with no state or organisation in the four
 * units after it ("deals with other countries")?
 */
static int
unnamed_with(const struct relate *R, const struct sent *S, size_t e)
{
	int w = word_find(R, "with");
	size_t j;

	if (w < 0 || e >= S->n || S->u[e].wid != w)
		return 0;
	for (j = e + 1; j < S->n && j <= e + 4; j++)
		if (ent_fits(&S->u[j], ST_PARTY))
			return 0;
	return 1;
}

static int after_preposition(const struct relate *, const struct sent *,
    size_t);
static void treaty_rows1(struct run *, const struct mstate *,
    const struct rule *, size_t, int, size_t, struct rows *);

/* The rows of a treaty match: one treaty per kind captured ("A signed
 * the X Declaration and the Y Act"). */
static void
treaty_rows(struct run *run, const struct mstate *ms, const struct rule *ru,
    size_t start, int cert, struct rows *rw)
{
	size_t k;

	for (k = 0; k < ms->cap[CAP_KIND].n; k++)
		treaty_rows1(run, ms, ru, start, cert,
		    ms->cap[CAP_KIND].it[k].u, rw);
}

static void
treaty_rows1(struct run *run, const struct mstate *ms, const struct rule *ru,
    size_t start, int cert, size_t kc, struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *P = &ms->cap[CAP_PARTY];
	const struct timex *tx = match_date(ms, ru, start);
	size_t i;
	int ctx_ok = run->ctx_np > 0 &&
	    run->srcpara - run->ctx_para <= CTX_PARAS;
	int plural = kind_plural(run->R, S, kc);
	struct trow base, t;

	/* a subject is no prepositional object: "partners in the X
	 * alliance, suspended ..." is not X's act (but "the committee
	 * of A's parliament ratified" is A's) */
	if (P->n > 0 && P->it[0].u <= start + 1 &&
	    after_preposition(run->R, S, P->it[0].u) &&
	    special_len(run->R, S, SP_POSSESSIVE, P->it[0].u + 1) == 0)
		return;
	/* "trade deals with other countries": counterparts the sentence
	 * mentions but does not name leave the parties unknown: no row
	 * (an aggregate, "treaties with 40 countries", counts them) */
	if (ms->cap[CAP_WITH].n == 0 && ms->cap[CAP_COUNT].n == 0 &&
	    unnamed_with(run->R, S, S->u[kc].kind_end))
		return;
	memset(&base, 0, sizeof(base));
	base.kind = S->u[kc].kind;
	/* "the X Charter, a mutual defence pact": the apposition says
	 * what kind of treaty a generic name is */
	if (kind_is_generic(run->R, base.kind)) {
		size_t e = S->u[kc].kind_end, j;

		if (e + 1 < S->n && special_len(run->R, S, SP_LIST_SEP, e) > 0)
			for (j = e + 1; j < S->n && j <= e + 4; j++)
				if (S->u[j].kind_end > j) {
					if (!S->u[j].kind_generic)
						base.kind = S->u[j].kind;
					break;
				}
	}
	/* "the agreement" is the last one when its parties are among it */
	if (S->u[kc].kind_generic && run->ctx_kind >= 0 && ctx_ok &&
	    kind_anaphoric(run->R, S, kc) && parties_in_ctx(run, S, P))
		base.kind = run->ctx_kind;
	/* "ratified treaties with China" after a sentence on China's
	 * extradition treaties: a bare noun takes the specific kind of the
	 * treaties just talked about when they share a party */
	else if (S->u[kc].kind_generic && run->skind >= 0 &&
	    run->srcpara - run->skind_para <= FOCUS_PARAS &&
	    (party_is(S, P, run->skind_party) ||
	    party_is(S, &ms->cap[CAP_WITH], run->skind_party)))
		base.kind = run->skind;
	/* the specific kind the next sentences may mean */
	if (!kind_is_generic(run->R, base.kind) && P->n > 0) {
		run->skind = base.kind;
		run->skind_para = run->srcpara;
		run->skind_party = S->u[P->it[0].u].ent->id;
	}
	base.status = ms->cap[CAP_STATUS].n > 0 ?
	    S->u[ms->cap[CAP_STATUS].it[0].u].status : ru->tstatus;
	base.count = -1;
	base.cert = cert;
	base.anchor = start;
	if (tx != NULL)
		base.date = tx->from.prec != TIMEX_NONE ? tx->from : tx->to;
	if (P->n > 1 && (ru->each || distributive(ms, start) ||
	    (plural && ms->cap[CAP_WITH].n > 0))) {
		/* "A and B each signed an agreement with C"; "A and B
		 * suspended their treaties with C" */
		for (i = 0; i < P->n; i++) {
			t = base;
			add_party(&t, S->u[P->it[i].u].ent->id);
			t.cert = min_cert(cert, P->it[i].cert);
			t.anchor = P->it[i].u;
			treaty_group(ms, &t, plural, rw);
		}
	} else {
		for (i = 0; i < P->n; i++) {
			add_party(&base, S->u[P->it[i].u].ent->id);
			base.cert = min_cert(base.cert, P->it[i].cert);
		}
		/* "The latest treaties, with A and B, ...": whose? */
		if (P->n == 0 && ctx_ok && !kind_owned(run->R, S, kc) &&
		    (kind_anaphoric(run->R, S, kc) ||
		    base.kind == run->ctx_kind))
			for (i = 0; i < run->ctx_np; i++)
				add_party(&base, run->ctx_party[i]);
		/* "A ratified an agreement with B.  B's parliament approved
		 * the agreement": the same treaty, all its parties */
		else if (P->n > 0 && ms->cap[CAP_WITH].n == 0 &&
		    run->ctx_np > 0 &&
		    run->srcpara - run->ctx_para <= SAME_TREATY_PARAS &&
		    S->u[kc].kind_generic && kind_anaphoric(run->R, S, kc) &&
		    parties_in_ctx(run, S, P))
			for (i = 0; i < run->ctx_nall; i++)
				add_party(&base, run->ctx_all[i]);
		treaty_group(ms, &base, plural, rw);
	}
	/* the subject of this sentence is the context of the next ones;
	 * a later match on part of it ("Australia" of "Japan and
	 * Australia") does not narrow it */
	if (P->n > 0 && !(run->ctx_sent == S->start + 1 &&
	    parties_in_ctx(run, S, P))) {
		const struct capv *W = &ms->cap[CAP_WITH];

		run->ctx_np = run->ctx_nall = 0;
		for (i = 0; i < P->n; i++)
			run->ctx_party[run->ctx_np++] =
			    S->u[P->it[i].u].ent->id;
		for (i = 0; i < P->n; i++)
			run->ctx_all[run->ctx_nall++] =
			    S->u[P->it[i].u].ent->id;
		for (i = 0; i < W->n; i++)
			run->ctx_all[run->ctx_nall++] =
			    S->u[W->it[i].u].ent->id;
		run->ctx_para = run->srcpara;
		run->ctx_kind = base.kind;
		run->ctx_sent = S->start + 1;
	}
}

static void
mrow_add(struct rows *rw, const struct mrow *m)
{
	size_t i;

	if (strcmp(m->org, m->member) == 0)
		return;
	for (i = 0; i < rw->nm; i++)
		if (strcmp(rw->m[i].org, m->org) == 0 &&
		    strcmp(rw->m[i].member, m->member) == 0 &&
		    rw->m[i].status == m->status)
			return;
	rw->m = xgrow(rw->m, &rw->capm, rw->nm + 1, sizeof(*rw->m));
	rw->m[rw->nm++] = *m;
}

static void
memb_rows(const struct run *run, const struct mstate *ms,
    const struct rule *ru, size_t start, int cert, struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *O = &ms->cap[CAP_ORG], *M = &ms->cap[CAP_MEMBER];
	const struct timex *tx = match_date(ms, ru, start);
	const char *orgs[CAP_MAXITEMS];
	size_t no = 0, i, j;
	struct mrow base;

	memset(&base, 0, sizeof(base));
	base.status = ru->val;
	if (tx != NULL) {
		switch (tx->kind) {
		case TIMEX_POINT:
			if (ru->dateis_end)
				base.end = tx->from;
			else
				base.start = tx->from;
			break;
		case TIMEX_RANGE:
			base.start = tx->from;
			base.end = tx->to;
			break;
		case TIMEX_SINCE:
			base.start = tx->from;
			break;
		case TIMEX_UNTIL:
			base.end = tx->to;
			break;
		}
	}
	/* NOLINTBEGIN(clang-analyzer-core.NullDereference): S->u holds
	 * every unit the captures name */
	if (ms->cap[CAP_START].n > 0)
		base.start = S->u[ms->cap[CAP_START].it[0].u].tx.from;
	if (ms->cap[CAP_END].n > 0) {
		const struct timex *e = &S->u[ms->cap[CAP_END].it[0].u].tx;

		base.end = e->to.prec != TIMEX_NONE ? e->to : e->from;
	}
	for (i = 0; i < O->n; i++)
		orgs[no++] = S->u[O->it[i].u].ent->id;
	if (no == 0) {
		const struct entity *f = focus_org(run, S->start,
		    S->u[start].start);

		if (f == NULL)
			return;
		orgs[no++] = f->id;
	}
	/* NOLINTEND(clang-analyzer-core.NullDereference) */
	for (i = 0; i < no; i++)
		for (j = 0; j < M->n; j++) {
			struct mrow m = base;

			m.org = orgs[i];
			m.member = S->u[M->it[j].u].ent->id;
			m.cert = min_cert(cert, M->it[j].cert);
			m.anchor = M->it[j].u;
			mrow_add(rw, &m);
		}
}

/* --- output ------------------------------------------------------------ */

/* The first 10 hex digits of the SHA-256 of s. */
static void
sha10(const char *s, char out[11])
{
	char hex[DIGEST_HEX_MAX];

	digest_buf(DIGEST_SHA256, s, strlen(s), hex);
	memcpy(out, hex, 10);
	out[10] = '\0';
}

static int
id_used(const struct document *doc, const char *id)
{
	size_t i;

	for (i = 0; i < doc->ntreaty; i++)
		if (doc->treaty[i].id != NULL &&
		    strcmp(doc->treaty[i].id, id) == 0)
			return 1;
	for (i = 0; i < doc->nmemb; i++)
		if (doc->memb[i].id != NULL && strcmp(doc->memb[i].id, id) == 0)
			return 1;
	return 0;
}

/* "<doc>:<tag><10 hex>", with ".2", ".3", ... after a collision. */
static char *
make_id(const struct document *doc, char tag, const char *content)
{
	char h[11], *id;
	unsigned n;

	sha10(content, h);
	id = xasprintf("%s:%c%s", doc->id != NULL ? doc->id : "", tag, h);
	for (n = 2; id_used(doc, id); n++) {
		free(id);
		id = xasprintf("%s:%c%s.%u", doc->id != NULL ? doc->id : "",
		    tag, h, n);
	}
	return id;
}

static int
cmpstrp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_trow(const void *a, const void *b)
{
	const struct trow *x = a, *y = b;

	return x->anchor < y->anchor ? -1 : x->anchor > y->anchor;
}

static int
cmp_mrow(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;

	return x->anchor < y->anchor ? -1 : x->anchor > y->anchor;
}

static int
same_parties(const struct treaty *x, const struct trow *t)
{
	size_t i, j;

	if (x->nparty != t->np)
		return 0;
	for (i = 0; i < t->np; i++) {
		for (j = 0; j < x->nparty; j++)
			if (strcmp(x->party[j].entity_id, t->party[i]) == 0)
				break;
		if (j == x->nparty)
			return 0;
	}
	return 1;
}

/*
 * Is date a (YYYY[-MM[-DD]], or empty) after date b, compared on what
 * both give?  "rejoined in 2021" after "withdrew in 2020" is not
 * superseded by the withdrawal.
 */
static int
date_after(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
		return 0;
	n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
	return strncmp(a, b, n) > 0;
}

/* Do two treaties have the same parties? */
static int
treaty_same_parties(const struct treaty *x, const struct treaty *y)
{
	size_t i, j;

	if (x->nparty != y->nparty)
		return 0;
	for (i = 0; i < y->nparty; i++) {
		for (j = 0; j < x->nparty; j++)
			if (strcmp(x->party[j].entity_id,
			    y->party[i].entity_id) == 0)
				break;
		if (j == x->nparty)
			return 0;
	}
	return 1;
}

static int
cert_of(const char *name)
{
	int c = lookup(cert_names, name, strlen(name));

	return c < 0 ? CERT_CERTAIN : c;
}

/* Raise x's certainty to c if c is higher. */
static void
raise_cert(char **x, int c)
{
	if (c > cert_of(*x)) {
		free(*x);
		*x = xstrdup(cert_names[c]);
	}
}

/*
 * Append the rows of one sentence to doc.  A relation the document
 * already stated (rows from first to the end) is not repeated: the
 * first row keeps its evidence, takes a date it lacked and the higher
 * certainty.  Ids are given by finish_rows().
 */
static void
emit_rows(struct document *doc, size_t t0, size_t m0, size_t para,
    const char *evidence, struct rows *rw)
{
	size_t i, j;

	/* stable order: by anchor unit, then by rule order */
	for (i = 1; i < rw->nt; i++)
		for (j = i; j > 0 && cmp_trow(&rw->t[j - 1], &rw->t[j]) > 0;
		    j--) {
			struct trow x = rw->t[j];

			rw->t[j] = rw->t[j - 1];
			rw->t[j - 1] = x;
		}
	for (i = 1; i < rw->nm; i++)
		for (j = i; j > 0 && cmp_mrow(&rw->m[j - 1], &rw->m[j]) > 0;
		    j--) {
			struct mrow x = rw->m[j];

			rw->m[j] = rw->m[j - 1];
			rw->m[j - 1] = x;
		}
	for (i = 0; i < rw->nt; i++) {
		const struct trow *t = &rw->t[i];
		struct treaty *x = NULL;

		for (j = t0; j < doc->ntreaty; j++) {
			struct treaty *y = &doc->treaty[j];

			if (strcmp(y->kind, kind_names[t->kind]) == 0 &&
			    strcmp(y->status, tstatus_names[t->status]) == 0 &&
			    y->count == t->count && same_parties(y, t) &&
			    (*y->date == '\0' || t->date.prec == TIMEX_NONE ||
			    strcmp(y->date, t->date.value) == 0))
				x = y;
		}
		if (x != NULL) {
			if (*x->date == '\0' && t->date.prec != TIMEX_NONE) {
				free(x->date);
				x->date = xstrdup(t->date.value);
				x->precision =
				    xstrdup(timex_prec_name(t->date.prec));
			}
			raise_cert(&x->certainty, t->cert);
			continue;
		}
		doc->treaty = xrealloc(doc->treaty, (doc->ntreaty + 1) *
		    sizeof(*doc->treaty));
		x = &doc->treaty[doc->ntreaty];
		memset(x, 0, sizeof(*x));
		x->kind = xstrdup(kind_names[t->kind]);
		x->status = xstrdup(tstatus_names[t->status]);
		x->date = xstrdup(t->date.value);
		x->precision = timex_prec_name(t->date.prec) != NULL ?
		    xstrdup(timex_prec_name(t->date.prec)) : NULL;
		x->certainty = xstrdup(cert_names[t->cert]);
		x->count = t->count;
		x->para = para;
		x->evidence = xstrdup(evidence);
		for (j = 0; j < t->np; j++)
			treaty_add_party(x, t->party[j], "party", NULL, NULL);
		doc->ntreaty++;
	}
	for (i = 0; i < rw->nm; i++) {
		const struct mrow *m = &rw->m[i];
		struct membership *x = NULL;

		for (j = m0; j < doc->nmemb; j++) {
			struct membership *y = &doc->memb[j];

			if (strcmp(y->org_id, m->org) == 0 &&
			    strcmp(y->member_id, m->member) == 0 &&
			    strcmp(y->status, mstatus_names[m->status]) == 0)
				x = y;
		}
		if (x != NULL) {
			if (x->start == NULL && m->start.prec != TIMEX_NONE)
				x->start = xstrdup(m->start.value);
			if (x->end == NULL && m->end.prec != TIMEX_NONE)
				x->end = xstrdup(m->end.value);
			raise_cert(&x->certainty, m->cert);
			continue;
		}
		doc->memb = xrealloc(doc->memb, (doc->nmemb + 1) *
		    sizeof(*doc->memb));
		x = &doc->memb[doc->nmemb];
		memset(x, 0, sizeof(*x));
		x->org_id = m->org;
		x->member_id = m->member;
		x->status = xstrdup(mstatus_names[m->status]);
		x->start = m->start.prec != TIMEX_NONE ?
		    xstrdup(m->start.value) : NULL;
		x->end = m->end.prec != TIMEX_NONE ?
		    xstrdup(m->end.value) : NULL;
		x->certainty = xstrdup(cert_names[m->cert]);
		x->para = para;
		x->evidence = xstrdup(evidence);
		doc->nmemb++;
	}
}

static void
memb_release(struct membership *m)
{
	free(m->id);
	free(m->status);
	free(m->start);
	free(m->end);
	free(m->certainty);
	free(m->evidence);
}

/*
 * After the last sentence: drop memberships superseded by a stronger
 * status of the same pair ("supersedes member prospective"), then give
 * the new rows their ids.
 */
static void
finish_rows(const struct relate *R, struct document *doc, size_t t0,
    size_t m0)
{
	struct buf b;
	size_t i, j, k;
	char *drop;

	drop = xcalloc(doc->nmemb + 1, 1);
	for (i = m0; i < doc->nmemb; i++) {
		const struct membership *m = &doc->memb[i];
		int st = lookup(mstatus_names, m->status, strlen(m->status));

		for (j = m0; j < doc->nmemb && !drop[i]; j++) {
			const struct membership *o = &doc->memb[j];
			int os = lookup(mstatus_names, o->status,
			    strlen(o->status));

			drop[i] = j != i && strcmp(o->org_id, m->org_id) == 0 &&
			    strcmp(o->member_id, m->member_id) == 0 &&
			    (R->supersedes[os] & 1u << st);
		}
	}
	for (i = k = m0; i < doc->nmemb; i++) {
		if (drop[i])
			memb_release(&doc->memb[i]);
		else
			doc->memb[k++] = doc->memb[i];
	}
	free(drop);
	doc->nmemb = k;
	/* a treaty's later event ("treaty_supersedes in_force signed"):
	 * one row of the same kind and parties, the latest status */
	drop = xcalloc(doc->ntreaty + 1, 1);
	for (i = t0; i < doc->ntreaty; i++) {
		const struct treaty *t = &doc->treaty[i];
		int st = lookup(tstatus_names, t->status, strlen(t->status));

		for (j = t0; j < doc->ntreaty && !drop[i] && t->count < 0;
		    j++) {
			const struct treaty *o = &doc->treaty[j];
			int os = lookup(tstatus_names, o->status,
			    strlen(o->status));

			drop[i] = j != i && !drop[j] && o->count < 0 &&
			    strcmp(o->kind, t->kind) == 0 &&
			    treaty_same_parties(o, t) &&
			    (R->tsupersedes[os] & 1u << st) &&
			    !date_after(t->date, o->date);
		}
	}
	for (i = k = t0; i < doc->ntreaty; i++) {
		if (drop[i])
			treaty_release(&doc->treaty[i]);
		else
			doc->treaty[k++] = doc->treaty[i];
	}
	free(drop);
	doc->ntreaty = k;
	buf_init(&b);
	for (i = t0; i < doc->ntreaty; i++) {
		struct treaty *x = &doc->treaty[i];
		const char *sorted[ROW_MAXPARTIES];

		for (j = 0; j < x->nparty && j < ROW_MAXPARTIES; j++)
			sorted[j] = x->party[j].entity_id;
		/* cppcheck-suppress uninitvar ; the first j are set */
		qsort(sorted, j, sizeof(*sorted), cmpstrp);
		buf_reset(&b);
		buf_printf(&b, "%s\n", x->kind);
		for (k = 0; k < j; k++)
			buf_printf(&b, "%s%s", k ? " " : "", sorted[k]);
		buf_printf(&b, "\n%s\n%s", x->date, x->evidence);
		x->id = make_id(doc, 't', buf_str(&b));
	}
	for (i = m0; i < doc->nmemb; i++) {
		struct membership *x = &doc->memb[i];

		buf_reset(&b);
		buf_printf(&b, "%s\n%s\n%s\n%s", x->org_id, x->member_id,
		    x->status, x->evidence);
		x->id = make_id(doc, 'm', buf_str(&b));
	}
	buf_release(&b);
}

/* --- running ----------------------------------------------------------- */

/*
 * Could a treaty or membership rule match the sentence at all?  Judged
 * before the chunks are marked, by what they could add at most: the
 * entities of any anaphor, a kind or status chunk where a kind or status
 * rule could match.  When none could, the sentence states nothing.
 */
static int
sent_may_relate(const struct relate *R, struct sent *S)
{
	static const struct {
		enum rtype	 t;
		unsigned	 add;
	} chunk[] = {
		{ R_ANAPHOR, (1u << ST_DATE) - 1 },	/* entity slots */
		{ R_KIND, 1u << ST_KIND },
		{ R_STATUS, 1u << ST_STATUS }
	};
	unsigned st = S->st, add = 0;
	size_t c, k;
	int may = 0;

	for (c = 0; c < sizeof(chunk) / sizeof(chunk[0]); c++)
		for (k = 0; k < R->nbytype[chunk[c].t]; k++)
			if (rule_possible(R, S, R->bytype[chunk[c].t][k])) {
				add |= chunk[c].add;
				break;
			}
	S->st |= add;
	for (k = 0; k < R->nbytype[R_TREATY] && !may; k++)
		may = rule_possible(R, S, R->bytype[R_TREATY][k]);
	for (k = 0; k < R->nbytype[R_MEMB] && !may; k++)
		may = rule_possible(R, S, R->bytype[R_MEMB][k]);
	S->st = st;
	return may;
}

/*
 * Does a preposition stand right before unit i, or before a determiner
 * before it ("With the UAE, Israel signed ...": not the subject)?
 */
static int
after_preposition(const struct relate *R, const struct sent *S, size_t i)
{
	size_t k = i;

	if (k > 0 && special_len(R, S, SP_DETERMINER, k - 1) == 1)
		k--;
	return k > 0 && special_len(R, S, SP_PREPOSITION, k - 1) == 1;
}

/* Note word id wid in S's filters (the words it has, the rules they
 * may start). */
static void
sent_word(const struct relate *R, struct sent *S, int wid)
{
	size_t w = (size_t)wid, g;

	if (wid < 0 || S->wbits == NULL ||
	    (S->wbits[w / 64] >> (w % 64) & 1))
		return;
	S->wbits[w / 64] |= (uint64_t)1 << (w % 64);
	for (g = R->rpostoff[w]; g < R->rpostoff[w + 1]; g++)
		S->rhit[R->rpost[g] / 64] |= (uint64_t)1 << (R->rpost[g] % 64);
}

static void
do_sentence(struct run *run, size_t para, size_t ss, size_t se)
{
	const struct relate *R = run->R;
	struct mstate ms;
	struct sent S;
	struct rows rw;
	size_t r, i;

	if (se - ss > SENT_MAXBYTES) {
		diag(DIAG_WARN, run->doc->art->name, 0, "sentence of %zu bytes "
		    "at byte %zu not read for relations", se - ss, ss);
		return;
	}
	sent_build(run, &S, ss, se);
	/* the filters: words, slot types, special classes */
	S.wbits = run->wbits;
	memset(S.wbits, 0, run->nwbits * sizeof(*S.wbits));
	S.rhit = run->rhit;
	memset(S.rhit, 0, (R->ngreq / 64 + 1) * sizeof(*S.rhit));
	for (i = 0; i < S.n; i++)
		sent_word(R, &S, S.u[i].wid);
	S.cache = 1;
	S.spc = run->spc;
	S.spcap = run->spcap;
	S.rflag = run->rflag;
	S.rlist = run->rlist;
	sent_changed(&S);
	memset(&rw, 0, sizeof(rw));
	if (!sent_may_relate(R, &S))
		goto out;
	resolve_anaphora(run, &S);
	for (i = 0; i < S.n; i++)	/* named treaties, after the splices */
		if (S.u[i].named)
			S.u[i].kind_end = i + 1;
	sent_changed(&S);
	annotate(R, &S, R_KIND);
	annotate(R, &S, R_STATUS);
	annotate(R, &S, R_HEDGE);
	for (r = 0; r < R->nr; r++) {
		const struct rule *ru = &R->r[r];

		if ((ru->type != R_TREATY && ru->type != R_MEMB) ||
		    !rule_possible(R, &S, r))
			continue;
		memo_begin(&run->memo, &ru->pat, &S);
		for (i = 0; i < S.n; i++) {
			int cert;

			if (!pat_match_memo(&ms, R, &S, &ru->pat, i,
			    &run->memo))
				continue;
			if ((cert = match_cert(&ms, ru, i)) < 0)
				continue;
			if (ru->type == R_TREATY)
				treaty_rows(run, &ms, ru, i, cert, &rw);
			else
				memb_rows(run, &ms, ru, i, cert, &rw);
		}
	}
	if (rw.nt > 0 || rw.nm > 0) {
		char *ev = text_normalize(S.text + ss, se - ss);

		emit_rows(run->doc, run->t0, run->m0, para, ev, &rw);
		free(ev);
	}
out:
	/* the subject "it" in the next sentence refers to (a sentence
	 * that opens with no state or organisation keeps the last one:
	 * "A rejoined X.  Its president signed ...  The country ...") */
	for (i = 0; i < S.n && i < SUBJ_UNITS; i++)
		if (S.u[i].type == U_ENT && !S.u[i].adj &&
		    !S.u[i].named && ent_fits(&S.u[i], ST_PARTY) &&
		    !after_preposition(R, &S, i)) {
			run->subj = S.u[i].ent;
			run->subj_para = run->srcpara;
			break;
		}
	free(rw.t);
	free(rw.m);
	run->spc = S.spc;	/* may have grown */
	run->spcap = S.spcap;
	run->ubuf = S.u;		/* kept for the next sentence */
	run->ucap = S.cap;
	S.u = NULL;
	S.n = 0;
	sent_release(&S);
}

int
relate_run(const struct relate *R, struct document *doc,
    const struct entity_set *es)
{
	struct run run;
	struct sentence *sv = NULL;
	size_t i, j, n, cap = 0;

	if (doc->art == NULL || doc->art->text == NULL) {
		diag(DIAG_DATA, doc->id, 0, "document has no text");
		return -1;
	}
	memset(&run, 0, sizeof(run));
	run.R = R;
	run.doc = doc;
	run.es = es;
	run.ctx_kind = -1;
	run.skind = -1;
	run.t0 = doc->ntreaty;
	run.m0 = doc->nmemb;
	run.orgm = xcalloc(doc->nment + 1, sizeof(*run.orgm));
	run.statem = xcalloc(doc->nment + 1, sizeof(*run.statem));
	run.srcord = xcalloc(doc->npara + 1, sizeof(*run.srcord));
	for (run.esize = 16; run.esize < 2 * (doc->nment + 1); run.esize *= 2)
		;
	run.ekey = xcalloc(run.esize, sizeof(*run.ekey));
	run.ekind = xcalloc(run.esize, sizeof(*run.ekind));
	run.ecount = xcalloc(run.esize, sizeof(*run.ecount));
	for (i = 0; i < run.esize; i++)
		run.ekind[i] = -2;
	run.ment_ent = xcalloc(doc->nment + 1, sizeof(*run.ment_ent));
	for (i = 0; i < doc->nment; i++)
		if (doc->ment[i].entity_id != NULL &&
		    (run.ment_ent[i] = entity_set_find(es,
		    doc->ment[i].entity_id)) != NULL)
			(void)ent_slot(&run, run.ment_ent[i], 1);
	run.nwbits = R->nword / 64 + 1;
	run.wbits = xcalloc(run.nwbits, sizeof(*run.wbits));
	run.rhit = xcalloc(R->ngreq / 64 + 1, sizeof(*run.rhit));
	run.rflag = xcalloc(R->nr + 1, 1);
	run.rlist = xcalloc(R->nr + 1, sizeof(*run.rlist));
	for (i = 0, n = 0; i < doc->npara; i++)
		if (R->sources[doc->para[i].role])
			run.srcord[i] = ++n;
	for (i = 0; i < doc->nment; i++) {
		const struct mention *m = &doc->ment[i];
		const struct entity *e = mention_entity(&run, m);

		if (e == NULL || m->form == MF_ADJECTIVE ||
		    m->para >= doc->npara)
			continue;
		/* how often the document names an organisation counts
		 * its title and headings too: the article's subject */
		if (e->type == ET_ORGANIZATION || e->type == ET_COUNTRY) {
			size_t k = ent_slot(&run, e, 0);

			if (k != SIZE_MAX)
				run.ecount[k]++;
		}
		if (!R->sources[doc->para[m->para].role])
			continue;
		if (e->type == ET_ORGANIZATION)
			run.orgm[run.norgm++] = i;
		else if (e->type == ET_COUNTRY)
			run.statem[run.nstatem++] = i;
	}
	for (i = 0; i < doc->npara; i++) {
		const struct paragraph *p = &doc->para[i];

		if (!R->sources[p->role] || p->end <= p->start ||
		    p->end > doc->art->len)
			continue;
		run.srcpara++;
		n = sentence_split(R->sent, doc->art->text + p->start,
		    p->end - p->start, sv, cap);
		if (n > cap) {
			sv = xgrow(sv, &cap, n, sizeof(*sv));
			sentence_split(R->sent, doc->art->text + p->start,
			    p->end - p->start, sv, n);
		}
		for (j = 0; j < n; j++)
			do_sentence(&run, i, p->start + sv[j].start,
			    p->start + sv[j].end);
	}
	finish_rows(R, doc, run.t0, run.m0);
	free(sv);
	free(run.orgm);
	free(run.statem);
	free(run.srcord);
	free(run.ekey);
	free(run.ekind);
	free(run.ecount);
	free(run.ment_ent);
	free(run.wbits);
	free(run.rhit);
	free(run.spc);
	free(run.lowbuf);
	free(run.ubuf);
	free(run.mlist);
	free(run.rflag);
	free(run.rlist);
	free(run.memo.e);
	return 0;
}
