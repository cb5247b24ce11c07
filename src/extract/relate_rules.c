/*
 * relate_rules: the rule files of the relation engine (relate.h).  The
 * names of the tables' enums; every *.rules file of the rules directory
 * read line by line into classes, rules and directives (sources,
 * supersedes, treaty_supersedes, numbers), each rule's pattern parsed
 * and compiled (relate_pattern.c) and checked against what its type may
 * capture; then the indexes over all the rules.  The rule language is
 * documented in data/lexicon/relations/README.md.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/relate.h"
#include "extract/relate_int.h"
#include "extract/sentence.h"
#include "extract/timex.h"
#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* --- vocabularies (the tables' enums) ---------------------------------- */

const char *const rel_kind_names[] = {
	"extradition", "mutual_legal_assistance", "cooperation_agreement",
	"memorandum_of_understanding", "convention", "protocol", "treaty",
	"agreement", NULL
};
const char *const rel_tstatus_names[] = {
	"proposed", "negotiating", "signed", "ratified", "in_force",
	"prospective", "withdrawn", "suspended", NULL
};
const char *const rel_mstatus_names[] = {
	"founding", "member", "prospective", "observer", "dialogue_partner",
	"chair", "participant", "staff", "former", "suspended", NULL
};

const char *const rel_cert_names[] = {
	"possible", "probable", "certain", NULL
};

const char *const rel_cap_names[] = {
	"party", "with", "kind", "status", "count", "date", "org", "member",
	"start", "end", NULL
};

const char *const rel_stype_names[] = {
	"STATE", "ORG", "PARTY", "PERSON", "GROUP", "REGION", "CITY",
	"ENTITY", "ADJ", "DATE", "NUM", "KIND", "STATUS", NULL
};

static const char *const anaphor_names[] = {
	"ORG", "PAIR", "SUBJ", "OWNER", "TERRITORY", "OBJ", "TREATY",
	NULL
};

static const char *const datepol_names[] = { "near", "span", "none", NULL };

/* The index of s[0..n) in the NULL-terminated names, or -1. */
int
rel_lookup(const char *const *names, const char *s, size_t n)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strlen(names[i]) == n && strncmp(names[i], s, n) == 0)
			return i;
	return -1;
}

static const char *const special_names[] = {
	"list_conj", "list_filler", "negation", "definite", "plural",
	"determiner", "distributive", "date_barrier", "nonmember_head",
	"head_stop", "list_sep", "gap_stop", "window_stop", "possessive",
	"relative", "preposition", "domestic_law", "bilateral", "host",
	"host_after", "comitative", "subordinator", "renewal", NULL
};

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
			    ru->type == R_KIND ? rel_kind_names :
			    ru->type == R_STATUS ? rel_tstatus_names :
			    ru->type == R_HEDGE ? rel_cert_names :
			    ru->type == R_ANAPHOR ? anaphor_names :
			    rel_mstatus_names;

			if ((ru->val = rel_lookup(names, w, n)) < 0 ||
			    (ru->type == R_HEDGE && ru->val == CERT_CERTAIN)) {
				diag(DIAG_USAGE, file, line, "unknown value "
				    "'%.*s' for this rule", (int)n, w);
				return -1;
			}
		} else if (ru->type == R_KIND && n == 7 &&
		    strncmp(w, "generic", 7) == 0)
			ru->generic = 1;
		else if (ru->type == R_TREATY && n == 4 &&
		    strncmp(w, "each", 4) == 0)
			ru->each = 1;
		else if (ru->type == R_TREATY && n == 5 &&
		    strncmp(w, "focus", 5) == 0)
			ru->focus = 1;
		else if (ru->type == R_TREATY &&
		    attr(w, n, "status", &v, &vn) &&
		    (x = rel_lookup(rel_tstatus_names, v, vn)) >= 0)
			ru->tstatus = x;
		else if ((ru->type == R_TREATY || ru->type == R_MEMB) &&
		    attr(w, n, "date", &v, &vn) &&
		    (x = rel_lookup(datepol_names, v, vn)) >= 0)
			ru->date = (enum datepol)x;
		else if ((ru->type == R_TREATY || ru->type == R_MEMB) &&
		    attr(w, n, "certainty", &v, &vn) &&
		    (x = rel_lookup(rel_cert_names, v, vn)) >= 0)
			ru->cert = x;
		else if (ru->type == R_MEMB && n == 7 &&
		    strncmp(w, "resumed", 7) == 0)
			ru->resumed = 1;
		else if (ru->type == R_MEMB && attr(w, n, "dateis", &v, &vn) &&
		    (vn == 3 || vn == 5) && (strncmp(v, "end", vn) == 0 ||
		    strncmp(v, "start", vn) == 0))
			ru->dateis_end = vn == 3;
		else {
			diag(DIAG_USAGE, file, line, "bad rule attribute "
			    "'%.*s'", (int)n, w);
			return -1;
		}
		first = 0;
		w += n;
	}
	if (first && ru->type != R_TREATY) {
		diag(DIAG_USAGE, file, line, "rule needs a value");
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
		if ((caps & ~tre) != 0 ||
		    (!(caps & 1u << CAP_KIND) && !ru->focus) ||
		    (!(caps & 1u << CAP_STATUS) && ru->tstatus < 0 &&
		    !ru->focus)) {
			diag(DIAG_USAGE, file, line, "a treaty rule captures "
			    "kind and status (or has status= or focus), "
			    "and may "
			    "capture party, with, count and date; nothing "
			    "else");
			return -1;
		}
		break;
	case R_MEMB:
		if ((caps & ~mem) != 0 || !(caps & 1u << CAP_MEMBER)) {
			diag(DIAG_USAGE, file, line, "a membership rule "
			    "captures member, and may capture org, date, "
			    "start and end; nothing else");
			return -1;
		}
		break;
	default:
		if (ru->pat.slots > 0) {
			diag(DIAG_USAGE, file, line, "only treaty and "
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
			diag(DIAG_USAGE, file, line, "capture '%s' cannot hold "
			    "a %s", rel_cap_names[nd->cap],
			    rel_stype_names[nd->st]);
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
	int d = rel_lookup(dirs, s, n);

	if (d < 0) {
		diag(DIAG_USAGE, file, line, "unknown directive '%.*s'",
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
				diag(DIAG_USAGE, file, line, "numbers: "
				    "WORD=VALUE expected, not '%.*s'", (int)n,
				    w);
				return -1;
			}
			cap2 = R->capnum;
			R->numw = xgrow(R->numw, &R->capnum, R->nnum + 1,
			    sizeof(*R->numw));
			R->numv = xgrow(R->numv, &cap2, R->nnum + 1,
			    sizeof(*R->numv));
			R->numw[R->nnum] = rel_fold(w, (size_t)(eqp - w));
			R->numv[R->nnum++] = v;
			w += n;
		}
		return 0;
	}
	if (d == 8 || d == 10) {	/* [treaty_]supersedes STATUS STATUS */
		const char *const *names = d == 8 ? rel_mstatus_names :
		    rel_tstatus_names;
		const char *w = s + n, *w2;
		size_t n2;
		int sa, sb;

		w += strspn(w, " \t");
		n = strcspn(w, " \t");
		w2 = w + n + strspn(w + n, " \t");
		n2 = strcspn(w2, " \t");
		if ((sa = rel_lookup(names, w, n)) < 0 ||
		    (sb = rel_lookup(names, w2, n2)) < 0 || sa == sb ||
		    w2[n2 + strspn(w2 + n2, " \t")] != '\0') {
			diag(DIAG_USAGE, file, line, "%s needs two "
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
				diag(DIAG_USAGE, file, line, "unknown "
				    "paragraph role '%.*s'", (int)n, w);
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
		diag(DIAG_USAGE, file, line, "missing ' = ' before the "
		    "pattern");
		return -1;
	}
	hn = (size_t)(eq - s) - n;
	memset(&ps, 0, sizeof(ps));
	ps.R = R;
	ps.p = eq + 1;
	ps.file = file;
	ps.line = line;
	if ((a = rel_parse_group(&ps, '\0')) == NULL)
		return -1;
	if (d == 6) {	/* class NAME = PATTERN */
		const char *nm = s + n;
		size_t nl;

		nm += strspn(nm, " \t");
		nl = strcspn(nm, " \t=");
		if (nl == 0 || nm + nl != eq - 1) {
			diag(DIAG_USAGE, file, line, "class needs one name");
			rel_ast_free(a);
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
		rel_ast_free(a);
		return -1;
	}
	rel_pat_compile(&ru.pat, a);
	rel_pat_finalize(R, &ru.pat);
	rel_pat_first(&ru.pat);
	rel_pat_reqs(&ru.pat);
	rel_pat_altindex(&ru.pat);
	if (rule_check(&ru, file, line) != 0) {
		rel_pat_release(&ru.pat);
		rel_ast_free(a);
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
			diag(DIAG_USAGE, dir, 0, "more than %d rule files",
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
		diag(DIAG_USAGE, dir, 0, "no *.rules files");
		goto fail;
	}
	for (k = 0; k < SP__MAX; k++)
		for (i = R->ncls; i > 0; i--)
			if (strcmp(R->cls[i - 1].name, special_names[k]) == 0) {
				rel_pat_compile(&R->special[k],
				    R->cls[i - 1].ast);
				rel_pat_finalize(R, &R->special[k]);
				rel_pat_first(&R->special[k]);
				rel_pat_reqs(&R->special[k]);
				rel_pat_altindex(&R->special[k]);
				R->has_special[k] = 1;
				break;
			}
	/* number words get ids too, to be found by id (the last wins) */
	for (i = 0; i < R->nnum; i++)
		rel_word_intern(R, R->numw[i]);
	R->wnum = xcalloc(R->nword + 1, sizeof(*R->wnum));
	for (i = 0; i < R->nword; i++)
		R->wnum[i] = -1;
	for (i = 0; i < R->nnum; i++)
		R->wnum[rel_word_find(R, R->numw[i])] = R->numv[i];
	chunk_index(R);
	R->w_and = rel_word_find(R, "and");
	R->klaw = rel_lookup(rel_kind_names, "treaty", 6);
	R->w_or = rel_word_find(R, "or");
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
		rel_pat_release(&R->r[i].pat);
		rel_ast_free(R->r[i].ast);
	}
	free(R->r);
	for (i = 0; i < SP__MAX; i++)
		rel_pat_release(&R->special[i]);
	/* later classes may use earlier ones: free from the last */
	for (i = R->ncls; i > 0; i--) {
		R->cls[i - 1].ast->shared = 0;
		rel_ast_free(R->cls[i - 1].ast);
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
