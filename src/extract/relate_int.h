/*
 * relate_int: the relation engine's private types and functions, shared
 * by the files of relate.h's module:
 *   - relate_pattern.c, the pattern language: a rule's pattern parsed
 *     into an AST and compiled into nodes; the interned words;
 *   - relate_rules.c, the vocabularies and the rule files: relate_load()
 *     and relate_free();
 *   - relate_sent.c, a sentence as units: lexing, mentions and dates,
 *     the organisation in focus, anaphora and chunks;
 *   - relate_match.c, the matcher: a pattern tried at a unit, with lists,
 *     gaps and the special classes;
 *   - relate.c, the rows made from the matches, their ids, and
 *     relate_run().
 * Functions one of them gives the others are prefixed rel_.  Only the
 * relate*.c files include this header; everyone else uses relate.h.
 */
#ifndef SHEAF_RELATE_INT_H
#define SHEAF_RELATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "extract/timex.h"
#include "tables/model.h"

struct sentence_rules;

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
#define TREATY_FOCUS_PARAS 4	/* "A ratified in May" reaches back */
#define SUBJ_UNITS	6	/* a sentence's subject stands this early */
#define SUBJ_PARAS	2	/* and is "it" this many paragraphs on */
#define GAP_MAX		40	/* largest ~N */
#define RULES_MAXFILES	256

/* --- vocabularies (the tables' enums) ---------------------------------- */

enum cert { CERT_POSSIBLE, CERT_PROBABLE, CERT_CERTAIN, CERT__MAX };

enum cap {
	CAP_PARTY, CAP_WITH, CAP_KIND, CAP_STATUS, CAP_COUNT, CAP_DATE,
	CAP_ORG, CAP_MEMBER, CAP_START, CAP_END, CAP__MAX
};

enum stype {
	ST_STATE, ST_ORG, ST_PARTY, ST_PERSON, ST_GROUP, ST_REGION, ST_CITY,
	ST_ENTITY, ST_ADJ, ST_DATE, ST_NUM, ST_KIND, ST_STATUS, ST__MAX
};

enum datepol { DP_NEAR, DP_SPAN, DP_NONE };

/* What an anaphor stands for: the organisation in focus, or the last
 * two states named ("the two countries"). */
enum anaphor {
	AN_ORG, AN_PAIR, AN_SUBJ, AN_OWNER, AN_TERR, AN_OBJ, AN_TREATY
};

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
	int		 neg;		/* lookahead: "!X" 1, "&X" 2 */
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
	int		 neg;		/* N_LIT: lookahead, "!" 1 "&" 2 */
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
	int		 focus;		/* treaty: may take the focus */
	int		 tstatus;	/* treaty: status without capture */
	int		 cert;		/* highest certainty given */
	enum datepol	 date;
	int		 dateis_end;	/* a point date ends */
	int		 resumed;	/* membership: after an exit */
	uint64_t	 wordonly;	/* pat.req[i] with words only: bit i */
	struct ast	*ast;
	struct pat	 pat;
};

enum special {
	SP_LIST_CONJ, SP_LIST_FILLER, SP_NEGATION, SP_DEFINITE, SP_PLURAL,
	SP_DETERMINER, SP_DISTRIBUTIVE, SP_DATE_BARRIER, SP_NONMEMBER_HEAD,
	SP_HEAD_STOP, SP_LIST_SEP, SP_GAP_STOP, SP_WINDOW_STOP, SP_POSSESSIVE,
	SP_RELATIVE, SP_PREPOSITION, SP_DOMESTIC_LAW, SP_BILATERAL, SP_HOST,
	SP_HOST_AFTER, SP_COMITATIVE, SP_SUBORDINATOR, SP_RENEWAL, SP__MAX
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

struct parser {
	const struct relate *R;
	const char	*p;
	const char	*file;
	unsigned long	 line;
	int		 err;
};

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
	 * units fill now (bits of enum stype), and rel_special_len() by unit
	 * and special class (-1: not known yet).
	 */
	uint64_t	*wbits;
	uint64_t	*rhit;		/* see rel_rule_possible() */
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
	/*
	 * organisations in focus: ORG mentions of source paragraphs.  The
	 * arrays by mention and paragraph are 32-bit: a long document has
	 * hundreds of thousands of each, and an article (ARTICLE_MAX bytes
	 * at most) fewer than 2^32.
	 */
	uint32_t		*orgm;
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
	/* the treaty the previous sentence opens with, for "it" (anaphor
	 * TREATY): tsubj_on when its subject is a treaty, not a state or
	 * organisation; tsubj the named treaty's entity (NULL: described,
	 * "the accord"), tsubj_kind its kind, tsubj_det and tsubj_word
	 * the word ids of its determiner and noun (a described one) and
	 * tsubj_para its source ordinal */
	int			 tsubj_on;
	const struct entity	*tsubj;
	int			 tsubj_kind, tsubj_word, tsubj_det;
	size_t			 tsubj_para;
	/* states named, for "the two countries" */
	uint32_t		*statem;
	size_t			 nstatem;
	/* treaty context: the subject of the last treaty sentence */
	const char		*ctx_party[CAP_MAXITEMS];
	size_t			 ctx_np;
	const char		*ctx_all[2 * CAP_MAXITEMS]; /* +with */
	size_t			 ctx_nall;
	int			 ctx_kind;
	size_t			 ctx_para;	/* its source ordinal */
	/* the treaty in focus, for "A ratified in May", "B followed"
	 * (focus rules): the kind of the last treaty named by its name or
	 * given a row (-1: none, or a bilateral one), the status of the
	 * last row (-1: none) and the source ordinal of the focus */
	int			 fkind, fstatus;
	size_t			 fkind_para;
	size_t			 ctx_sent;	/* sentence start + 1 */
	size_t			 prev_sent;	/* the last one read, + 1 */
	size_t			 srcpara;	/* current one */
	uint32_t		*srcord;	/* paragraph -> ordinal */
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
	uint32_t		*ment_ent;	/* mention -> 1 + its entity's
						 * index in es, or 0 */
	/* mention -> mentions of its entity up to it (0: not counted) */
	uint32_t		*mcount;
	/* membership rows (from m0) stated by a "resumed" rule */
	unsigned char		*mresumed;
	size_t			 mrescap;
	/* treaty rows (from t0): the named treaty's entity id, or NULL */
	const char		**tname;
	size_t			 tnamecap;
	/* treaty rows (from t0): the generation of the treaty of that
	 * kind and those parties, one more after each "a new agreement"
	 * (class renewal) */
	int			*tgen;
	size_t			 tgencap;
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
	size_t			*mlist;		/* for rel_sent_build() */
	size_t			 capm;
	unsigned char		*rflag;	/* by rule, for rel_annotate() */
	size_t			*rlist;		/* by rule, for anaphora */
	struct memotab		 memo;
};

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

/* --- relate_rules.c ---------------------------------------------------- */

/* The names of the tables' enums, NULL-terminated. */
extern const char *const rel_kind_names[];
extern const char *const rel_tstatus_names[];
extern const char *const rel_mstatus_names[];
extern const char *const rel_cert_names[];
extern const char *const rel_cap_names[];
extern const char *const rel_stype_names[];

int		 rel_lookup(const char *const *names, const char *s,
		    size_t n);

/* --- relate_pattern.c -------------------------------------------------- */

void		 rel_ast_free(struct ast *a);
size_t		 rel_fold_into(char *o, const char *s, size_t n,
		    uint64_t *hw);
char		*rel_fold(const char *s, size_t n);
struct ast	*rel_parse_group(struct parser *ps, int close);
int		 rel_word_find_h(const struct relate *R, const char *w,
		    uint64_t hw);
int		 rel_word_find(const struct relate *R, const char *w);
int		 rel_word_intern(struct relate *R, const char *w);
void		 rel_pat_compile(struct pat *p, const struct ast *a);
void		 rel_pat_finalize(struct relate *R, struct pat *p);
void		 rel_pat_first(struct pat *p);
void		 rel_pat_reqs(struct pat *p);
void		 rel_pat_altindex(struct pat *p);
void		 rel_pat_release(struct pat *p);

/* --- relate_sent.c ----------------------------------------------------- */

void		 rel_sent_build(struct run *run, struct sent *S, size_t ss,
		    size_t se);
void		 rel_sent_release(struct sent *S);
void		 rel_sent_changed(struct sent *S);
int		 rel_rule_possible(const struct relate *R,
		    const struct sent *S, size_t r);
size_t		 rel_ent_slot(const struct run *run, const struct entity *e,
		    int add);
const struct entity *rel_mention_entity(const struct run *run,
		    const struct mention *m);
const struct entity *rel_focus_org(const struct run *run, size_t ss,
		    size_t pos, int named);
const struct entity *rel_top_state(const struct run *run,
		    const char *except);
void		 rel_resolve_anaphora(const struct run *run, struct sent *S);
void		 rel_annotate(const struct relate *R, struct sent *S,
		    enum rtype t);

/* --- relate_match.c ---------------------------------------------------- */

void		 rel_memo_begin(struct memotab *mt, const struct pat *p,
		    const struct sent *S);
int		 rel_pat_match(struct mstate *ms, const struct relate *R,
		    const struct sent *S, const struct pat *p, size_t pos);
int		 rel_pat_match_memo(struct mstate *ms, const struct relate *R,
		    const struct sent *S, const struct pat *p, size_t pos,
		    struct memotab *memo);
int		 rel_ent_fits(const struct unit *u, enum stype st);
size_t		 rel_special_len(const struct relate *R, const struct sent *S,
		    enum special sp, size_t pos);
int		 rel_min_cert(int a, int b);

/* --- relate.c ---------------------------------------------------------- */

void		 rel_sent_word(const struct relate *R, struct sent *S,
		    int wid);

#endif
