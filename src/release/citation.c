/* citation: CITATION.cff reading (libyaml) and the stamped copy. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/version.h"
#include "lib/xalloc.h"
#include "release/citation.h"

/* Caps on the parsed document (aliases can multiply nodes). */
#define MAX_NODES	100000
#define MAX_DEPTH	64

enum cnkind { CN_SCALAR, CN_SEQ, CN_MAP };

struct cff_node {
	enum cnkind	  kind;
	char		 *val;		/* scalars */
	int		  style;	/* yaml_scalar_style_t from the input */
	unsigned long	  line;		/* 1-based */
	char		**key;		/* mappings: keys, in input order */
	unsigned long	 *keyline;
	struct cff_node	**kid;		/* sequence items or mapping values */
	size_t		  n, cap, kcap, lcap;
};

static void
node_free(struct cff_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->key != NULL)
			free(n->key[i]);
		node_free(n->kid[i]);
	}
	free(n->key);
	free(n->keyline);
	free(n->kid);
	free(n->val);
	free(n);
}

static struct cff_node *
node_new(enum cnkind k, unsigned long line)
{
	struct cff_node *n = xcalloc(1, sizeof(*n));

	n->kind = k;
	n->line = line;
	return n;
}

static void
node_push(struct cff_node *n, char *key, unsigned long keyline,
    struct cff_node *kid)
{
	n->kid = xgrow(n->kid, &n->cap, n->n + 1, sizeof(*n->kid));
	if (n->kind == CN_MAP) {
		n->key = xgrow(n->key, &n->kcap, n->n + 1, sizeof(*n->key));
		n->keyline = xgrow(n->keyline, &n->lcap, n->n + 1,
		    sizeof(*n->keyline));
		n->key[n->n] = key;
		n->keyline[n->n] = keyline;
	}
	n->kid[n->n++] = kid;
}

static struct cff_node *
map_get(const struct cff_node *m, const char *key, size_t *idx)
{
	size_t i;

	if (m == NULL || m->kind != CN_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->key[i], key) == 0) {
			if (idx != NULL)
				*idx = i;
			return m->kid[i];
		}
	return NULL;
}

/* --- reading -------------------------------------------------------------- */

struct reader {
	const char	*path;
	yaml_document_t	*doc;
	size_t		 count;
	int		 bad;
};

static void
rbad(struct reader *r, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
rbad(struct reader *r, unsigned long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag(DIAG_DATA, r->path, line, "%s", msg);
	r->bad = 1;
}

static struct cff_node *
convert(struct reader *r, yaml_node_t *yn, int depth)
{
	struct cff_node *n;
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;
	yaml_node_t *k, *v;
	unsigned long line = (unsigned long)yn->start_mark.line + 1;
	struct cff_node *kid;

	if (depth > MAX_DEPTH || ++r->count > MAX_NODES) {
		rbad(r, line, "document nested too deep or too large "
		    "(recursive or exploding aliases?)");
		return NULL;
	}
	switch (yn->type) {
	case YAML_SCALAR_NODE:
		n = node_new(CN_SCALAR, line);
		n->val = xstrndup((const char *)yn->data.scalar.value,
		    yn->data.scalar.length);
		n->style = (int)yn->data.scalar.style;
		if (strlen(n->val) != yn->data.scalar.length)
			rbad(r, line, "NUL character in a value");
		return n;
	case YAML_SEQUENCE_NODE:
		n = node_new(CN_SEQ, line);
		for (it = yn->data.sequence.items.start;
		    it < yn->data.sequence.items.top; it++) {
			v = yaml_document_get_node(r->doc, *it);
			if (v == NULL || (kid = convert(r, v, depth + 1)) ==
			    NULL) {
				node_free(n);
				return NULL;
			}
			node_push(n, NULL, 0, kid);
		}
		return n;
	case YAML_MAPPING_NODE:
		n = node_new(CN_MAP, line);
		for (pr = yn->data.mapping.pairs.start;
		    pr < yn->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(r->doc, pr->key);
			v = yaml_document_get_node(r->doc, pr->value);
			if (k == NULL || v == NULL)
				continue;
			if (k->type != YAML_SCALAR_NODE) {
				rbad(r, (unsigned long)k->start_mark.line + 1,
				    "mapping keys must be plain strings");
				continue;
			}
			if ((kid = convert(r, v, depth + 1)) == NULL) {
				node_free(n);
				return NULL;
			}
			if (map_get(n, (const char *)k->data.scalar.value,
			    NULL) != NULL)
				rbad(r, (unsigned long)k->start_mark.line + 1,
				    "duplicate key '%s'",
				    (const char *)k->data.scalar.value);
			node_push(n, xstrdup((const char *)
			    k->data.scalar.value),
			    (unsigned long)k->start_mark.line + 1, kid);
		}
		return n;
	default:
		rbad(r, line, "empty YAML node");
		return NULL;
	}
}

static const char *const root_keys[] = {
	"abstract", "authors", "cff-version", "commit", "contact",
	"date-released", "doi", "identifiers", "keywords", "license",
	"license-url", "message", "preferred-citation", "references",
	"repository", "repository-artifact", "repository-code", "title",
	"type", "url", "version", NULL
};
static const char *const person_keys[] = {
	"address", "affiliation", "alias", "city", "country", "email",
	"family-names", "fax", "given-names", "name-particle", "name-suffix",
	"orcid", "post-code", "region", "tel", "website", NULL
};
static const char *const entity_keys[] = {
	"address", "alias", "city", "country", "date-end", "date-start",
	"email", "fax", "location", "name", "orcid", "post-code", "region",
	"tel", "website", NULL
};

static int
in_list(const char *const *l, const char *s)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

/* A non-empty string value: a scalar that YAML does not read as null. */
static const char *
scalar_text(const struct cff_node *n)
{
	if (n == NULL || n->kind != CN_SCALAR || *n->val == '\0')
		return NULL;
	if (n->style == YAML_PLAIN_SCALAR_STYLE &&
	    (strcmp(n->val, "~") == 0 || strcasecmp(n->val, "null") == 0))
		return NULL;
	return n->val;
}

static char *
want_string(struct reader *r, const struct cff_node *root, const char *key,
    int required)
{
	size_t i;
	const struct cff_node *v = map_get(root, key, &i);
	const char *s;

	if (v == NULL) {
		if (required)
			rbad(r, 0, "missing required key '%s'", key);
		return NULL;
	}
	if ((s = scalar_text(v)) == NULL) {
		rbad(r, v->line, "'%s' must be a non-empty string", key);
		return NULL;
	}
	return xstrdup(s);
}

static int
is_url(const char *s)
{
	static const char *const schemes[] = {
		"https://", "http://", "ftp://", "sftp://", NULL
	};
	const char *const *p;

	for (p = schemes; *p != NULL; p++)
		if (strncmp(s, *p, strlen(*p)) == 0 && s[strlen(*p)] != '\0')
			return 1;
	return 0;
}

/* A string list: a scalar or a sequence of scalars, unique items. */
static char **
want_list(struct reader *r, const struct cff_node *v, const char *key,
    int scalar_ok, size_t *np)
{
	char **l;
	size_t i, j, n;
	const char *s;

	*np = 0;
	if (v->kind == CN_SCALAR && scalar_ok) {
		if ((s = scalar_text(v)) == NULL) {
			rbad(r, v->line, "'%s' must not be empty", key);
			return NULL;
		}
		l = xcalloc(2, sizeof(*l));
		l[0] = xstrdup(s);
		*np = 1;
		return l;
	}
	if (v->kind != CN_SEQ || v->n == 0) {
		rbad(r, v->line, "'%s' must be a non-empty list%s", key,
		    scalar_ok ? " or a string" : "");
		return NULL;
	}
	n = v->n;
	l = xcalloc(n + 1, sizeof(*l));
	for (i = 0; i < n; i++) {
		if ((s = scalar_text(v->kid[i])) == NULL) {
			rbad(r, v->kid[i]->line, "'%s' items must be "
			    "non-empty strings", key);
			continue;
		}
		for (j = 0; j < *np; j++)
			if (strcmp(l[j], s) == 0)
				rbad(r, v->kid[i]->line, "'%s' repeats '%s'",
				    key, s);
		l[(*np)++] = xstrdup(s);
	}
	return l;
}

static void
free_list(char **l)
{
	char **p;

	if (l == NULL)
		return;
	for (p = l; *p != NULL; p++)
		free(*p);
	free(l);
}

/* "given particle family suffix" of a person, or an entity's name. */
static char *
display_name(const struct cff_node *a)
{
	static const char *const parts[] = {
		"given-names", "name-particle", "family-names", "name-suffix",
		NULL
	};
	const char *const *p, *s;
	struct buf b;

	if ((s = scalar_text(map_get(a, "name", NULL))) != NULL)
		return xstrdup(s);
	buf_init(&b);
	for (p = parts; *p != NULL; p++) {
		if ((s = scalar_text(map_get(a, *p, NULL))) == NULL)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, s);
	}
	if (b.len == 0 &&
	    (s = scalar_text(map_get(a, "alias", NULL))) != NULL)
		buf_adds(&b, s);
	return b.len > 0 ? buf_detach(&b) : (buf_release(&b), NULL);
}

static char *
opt_text(const struct cff_node *a, const char *key)
{
	const char *s = scalar_text(map_get(a, key, NULL));

	return s != NULL ? xstrdup(s) : NULL;
}

static void
person_fill(struct citation_person *p, const struct cff_node *a,
    int entity)
{
	p->name = display_name(a);
	p->orcid = opt_text(a, "orcid");
	p->email = opt_text(a, "email");
	p->website = opt_text(a, "website");
	p->entity = entity;
}

static void
person_release(struct citation_person *p)
{
	free(p->name);
	free(p->orcid);
	free(p->email);
	free(p->website);
}

static void
check_authors(struct reader *r, const struct cff_node *v,
    struct citation *c)
{
	const struct cff_node *a;
	size_t i, j;
	int entity;

	if (v->kind != CN_SEQ || v->n == 0) {
		rbad(r, v->line, "'authors' must be a non-empty list of "
		    "persons or entities");
		return;
	}
	c->authors = xcalloc(v->n + 1, sizeof(*c->authors));
	c->people = xcalloc(v->n, sizeof(*c->people));
	for (i = 0; i < v->n; i++) {
		a = v->kid[i];
		if (a->kind != CN_MAP) {
			rbad(r, a->line, "an author must be a mapping "
			    "(a person or an entity)");
			continue;
		}
		entity = map_get(a, "name", NULL) != NULL;
		for (j = 0; j < a->n; j++) {
			if (!in_list(entity ? entity_keys : person_keys,
			    a->key[j]))
				rbad(r, a->keyline[j], "unknown key '%s' for "
				    "an author (%s)", a->key[j], entity ?
				    "an entity, as it has 'name'" :
				    "a person");
			else if (scalar_text(a->kid[j]) == NULL)
				rbad(r, a->kid[j]->line, "'%s' must be a "
				    "non-empty string", a->key[j]);
		}
		if ((c->authors[c->nauthors] = display_name(a)) == NULL)
			rbad(r, a->line, "an author needs 'name' (entity) or "
			    "'family-names'/'given-names' (person)");
		else {
			person_fill(&c->people[c->nauthors], a, entity);
			c->nauthors++;
		}
	}
}

static void
check_root(struct reader *r, struct cff_node *root, struct citation *c)
{
	const struct cff_node *v;
	size_t i;
	char *s;

	for (i = 0; i < root->n; i++)
		if (!in_list(root_keys, root->key[i]))
			rbad(r, root->keyline[i], "unknown key '%s' (not in "
			    "CFF 1.2.0)", root->key[i]);
	if ((s = want_string(r, root, "cff-version", 1)) != NULL &&
	    strcmp(s, "1.2.0") != 0)
		rbad(r, map_get(root, "cff-version", NULL)->line,
		    "cff-version must be '1.2.0', not '%s'", s);
	free(s);
	s = want_string(r, root, "type", 0);
	if (s == NULL && map_get(root, "type", NULL) == NULL)
		rbad(r, 0, "missing 'type: dataset' (the default is "
		    "software)");
	else if (s != NULL && strcmp(s, "dataset") != 0)
		rbad(r, map_get(root, "type", NULL)->line, "type must be "
		    "'dataset', not '%s'", s);
	free(s);
	c->message = want_string(r, root, "message", 1);
	c->title = want_string(r, root, "title", 1);
	c->abstract = want_string(r, root, "abstract", 1);
	c->version = want_string(r, root, "version", 0);
	c->doi = want_string(r, root, "doi", 0);
	c->url = want_string(r, root, "url", 0);
	if (c->url != NULL && !is_url(c->url))
		rbad(r, map_get(root, "url", NULL)->line, "url must start "
		    "with https://, http://, ftp:// or sftp://");
	if ((v = map_get(root, "repository-code", NULL)) != NULL &&
	    (scalar_text(v) == NULL || !is_url(v->val)))
		rbad(r, v->line, "repository-code must be a URL");
	if ((v = map_get(root, "date-released", NULL)) != NULL &&
	    scalar_text(v) == NULL)
		rbad(r, v->line, "date-released must be a YYYY-MM-DD date");
	if ((v = map_get(root, "license", NULL)) == NULL)
		rbad(r, 0, "missing required key 'license' (an SPDX id such "
		    "as CC-BY-4.0)");
	else
		c->licenses = want_list(r, v, "license", 1, &c->nlicenses);
	if ((v = map_get(root, "keywords", NULL)) != NULL)
		c->keywords = want_list(r, v, "keywords", 0, &c->nkeywords);
	if ((v = map_get(root, "authors", NULL)) == NULL)
		rbad(r, 0, "missing required key 'authors'");
	else
		check_authors(r, v, c);
	/* who answers for the dataset: the first contact or author */
	v = map_get(root, "contact", NULL);
	if (v != NULL && v->kind == CN_SEQ && v->n > 0 &&
	    v->kid[0]->kind == CN_MAP) {
		c->contact = xcalloc(1, sizeof(*c->contact));
		person_fill(c->contact, v->kid[0],
		    map_get(v->kid[0], "name", NULL) != NULL);
		if (c->contact->name == NULL) {
			/* nameless: the first author answers instead */
			person_release(c->contact);
			free(c->contact);
			c->contact = NULL;
		}
	}
	if (c->contact == NULL && c->nauthors > 0) {
		c->contact = xcalloc(1, sizeof(*c->contact));
		person_fill(c->contact, map_get(root, "authors", NULL)->kid[0],
		    c->people[0].entity);
	}
	if ((v = map_get(root, "references", NULL)) != NULL &&
	    v->kind != CN_SEQ)
		rbad(r, v->line, "'references' must be a list");
	if (c->keywords == NULL)
		c->keywords = xcalloc(1, sizeof(*c->keywords));
}

/*
 * libyaml's reader (bad encoding, control characters) gives a byte
 * offset, not a mark: name the line from it.
 */
static void
reader_error(const char *path, const yaml_parser_t *p, const char *text,
    size_t len)
{
	size_t i, off = p->problem_offset;
	unsigned long line = 1;

	for (i = 0; i < off && i < len; i++)
		if (text[i] == '\n')
			line++;
	diag(DIAG_DATA, path, line, "invalid YAML: %s at byte offset %zu",
	    p->problem != NULL ? p->problem : "cannot read", off);
}

int
citation_read(const char *path, struct citation *c)
{
	yaml_parser_t parser;
	yaml_document_t doc, extra;
	yaml_node_t *top;
	struct reader r;
	char *text;
	size_t len;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if (fs_read_file(path, CITATION_MAX, &text, &len) != 0) {
		citation_release(c);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.doc = &doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		if (parser.error == YAML_READER_ERROR)
			reader_error(path, &parser, text, len);
		else
			diag(DIAG_DATA, path,
			    (unsigned long)parser.problem_mark.line + 1,
			    "invalid YAML: %s%s%s", parser.problem != NULL ?
			    parser.problem : "parse error",
			    parser.context != NULL ? " " : "",
			    parser.context != NULL ? parser.context : "");
		goto out_parser;
	}
	if ((top = yaml_document_get_root_node(&doc)) == NULL) {
		diag(DIAG_DATA, path, 0, "empty file");
		goto out_doc;
	}
	if (!yaml_parser_load(&parser, &extra)) {
		diag(DIAG_DATA, path, (unsigned long)parser.problem_mark.line +
		    1, "invalid YAML: %s", parser.problem != NULL ?
		    parser.problem : "parse error");
		goto out_doc;
	}
	if (yaml_document_get_root_node(&extra) != NULL) {
		diag(DIAG_DATA, path, (unsigned long)extra.start_mark.line + 1,
		    "more than one YAML document");
		yaml_document_delete(&extra);
		goto out_doc;
	}
	yaml_document_delete(&extra);
	if (top->type != YAML_MAPPING_NODE) {
		diag(DIAG_DATA, path, (unsigned long)top->start_mark.line + 1,
		    "the top level must be a mapping of CFF keys");
		goto out_doc;
	}
	if ((c->root = convert(&r, top, 0)) != NULL)
		check_root(&r, c->root, c);
	if (c->root != NULL && !r.bad)
		rc = 0;
out_doc:
	yaml_document_delete(&doc);
out_parser:
	yaml_parser_delete(&parser);
	free(text);
	if (rc != 0)
		citation_release(c);
	return rc;
}

void
citation_release(struct citation *c)
{
	free(c->path);
	free(c->title);
	free(c->message);
	free(c->abstract);
	free(c->version);
	free(c->doi);
	free(c->url);
	free_list(c->licenses);
	free_list(c->keywords);
	free_list(c->authors);
	for (size_t i = 0; c->people != NULL && i < c->nauthors; i++)
		person_release(&c->people[i]);
	free(c->people);
	if (c->contact != NULL)
		person_release(c->contact);
	free(c->contact);
	node_free(c->root);
	memset(c, 0, sizeof(*c));
}

/* --- writing -------------------------------------------------------------- */

struct emitter {
	yaml_emitter_t	 e;
	const char	*path;
	int		 ok;
};

/* libyaml's output handler onto a buf. */
static int
write_buf(void *data, unsigned char *p, size_t n)
{
	buf_add(data, p, n);
	return 1;
}

static void
emit(struct emitter *em, yaml_event_t *ev)
{
	if (!em->ok)
		yaml_event_delete(ev);
	else if (!yaml_emitter_emit(&em->e, ev)) {
		diag(DIAG_SYS, em->path, 0, "YAML emitter: %s",
		    em->e.problem != NULL ? em->e.problem : "error");
		em->ok = 0;
	}
}

static void
emit_scalar(struct emitter *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)(uintptr_t)s, (int)strlen(s), 1, 1, style)) {
		diag(DIAG_SYS, em->path, 0, "YAML emitter: out of memory");
		em->ok = 0;
		return;
	}
	emit(em, &ev);
}

/*
 * A string that YAML 1.1 would read as something else when plain (a
 * number, date, boolean or null) is double-quoted; libyaml quotes the
 * rest itself where plain style cannot hold them.
 */
static void
emit_str(struct emitter *em, const char *s)
{
	static const char *const words[] = {
		"y", "yes", "n", "no", "true", "false", "on", "off", "null",
		"~", "<<", "=", NULL
	};
	const char *const *w;
	int quote = *s == '\0' || isdigit((unsigned char)*s) ||
	    *s == '+' || *s == '-' || *s == '.';

	for (w = words; !quote && *w != NULL; w++)
		if (strcasecmp(s, *w) == 0)
			quote = 1;
	emit_scalar(em, s, quote ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
	    YAML_ANY_SCALAR_STYLE);
}

static void
emit_start(struct emitter *em, int map)
{
	yaml_event_t ev;

	if (map)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
	emit(em, &ev);
}

static void
emit_end(struct emitter *em, int map)
{
	yaml_event_t ev;

	if (map)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	emit(em, &ev);
}

static void
emit_node(struct emitter *em, const struct cff_node *n)
{
	size_t i;

	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): kids exist */
	switch (n->kind) {
	case CN_SCALAR:
		emit_scalar(em, n->val, (yaml_scalar_style_t)n->style);
		break;
	case CN_SEQ:
		emit_start(em, 0);
		for (i = 0; i < n->n; i++)
			emit_node(em, n->kid[i]);
		emit_end(em, 0);
		break;
	case CN_MAP:
		emit_start(em, 1);
		for (i = 0; i < n->n; i++) {
			emit_str(em, n->key[i]);
			emit_node(em, n->kid[i]);
		}
		emit_end(em, 1);
		break;
	}
}

static void
emit_kv(struct emitter *em, const char *k, const char *v)
{
	emit_str(em, k);
	emit_str(em, v);
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Authors of one article: "Given Family" split at the last space. */
static void
emit_ref_authors(struct emitter *em, const char *list)
{
	char *copy, *p, *e, *sp, **seen = NULL;
	size_t nseen = 0, cap = 0, i;
	int dup;

	emit_str(em, "authors");
	emit_start(em, 0);
	copy = xstrdup(list != NULL ? list : "");
	for (p = copy; p != NULL; p = e) {
		if ((e = strchr(p, ';')) != NULL)
			*e++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		for (sp = p + strlen(p); sp > p && (sp[-1] == ' ' ||
		    sp[-1] == '\t'); sp--)
			sp[-1] = '\0';
		if (*p == '\0')
			continue;
		for (dup = 0, i = 0; i < nseen; i++)
			dup |= strcmp(seen[i], p) == 0;
		if (dup)
			continue;
		seen = xgrow(seen, &cap, nseen + 1, sizeof(*seen));
		seen[nseen++] = p;
		emit_start(em, 1);
		if ((sp = strrchr(p, ' ')) == NULL)
			emit_kv(em, "name", p);
		else {
			*sp = '\0';
			emit_kv(em, "given-names", p);
			emit_kv(em, "family-names", sp + 1);
			*sp = ' ';
		}
		emit_end(em, 1);
	}
	if (nseen == 0) {
		/* The CFF guide's spelling of an unknown author. */
		emit_start(em, 1);
		emit_kv(em, "name", "anonymous");
		emit_end(em, 1);
	}
	emit_end(em, 0);
	free(seen);
	free(copy);
}

static void
emit_ref(struct emitter *em, const struct citation_ref *r)
{
	const char *d = r->published;
	char y[5], m[3];
	size_t n;

	emit_start(em, 1);
	emit_kv(em, "type", "newspaper-article");
	emit_kv(em, "title", r->title);
	emit_ref_authors(em, r->authors);
	if (r->publisher != NULL && *r->publisher != '\0') {
		emit_kv(em, "journal", r->publisher);
		emit_str(em, "publisher");
		emit_start(em, 1);
		emit_kv(em, "name", r->publisher);
		emit_end(em, 1);
	}
	if (r->url != NULL && is_url(r->url))
		emit_kv(em, "url", r->url);
	n = d != NULL ? strlen(d) : 0;
	if (n == 10 && all_digits(d, 4) && d[4] == '-' && d[7] == '-' &&
	    all_digits(d + 5, 2) && all_digits(d + 8, 2))
		emit_kv(em, "date-published", d);
	else if ((n == 4 || n == 7) && all_digits(d, 4)) {
		memcpy(y, d, 4);
		y[4] = '\0';
		emit_str(em, "year");
		emit_scalar(em, y, YAML_PLAIN_SCALAR_STYLE);
		if (n >= 7 && d[4] == '-' && all_digits(d + 5, 2) &&
		    ((d[5] == '0' && d[6] >= '1') ||
		    (d[5] == '1' && d[6] <= '2'))) {
			/* "01".."12" without the leading zero */
			m[0] = d[5] == '0' ? d[6] : d[5];
			m[1] = d[5] == '0' ? '\0' : d[6];
			m[2] = '\0';
			emit_str(em, "month");
			emit_scalar(em, m, YAML_PLAIN_SCALAR_STYLE);
		}
	}
	if (r->language != NULL && (n = strlen(r->language)) >= 2 && n <= 3 &&
	    strspn(r->language, "abcdefghijklmnopqrstuvwxyz") == n) {
		emit_str(em, "languages");
		emit_start(em, 0);
		emit_str(em, r->language);
		emit_end(em, 0);
	}
	emit_end(em, 1);
}

/* references: the dataset's own (old), then first and what next() gives. */
static void
emit_refs(struct emitter *em, const struct cff_node *old,
    const struct citation_ref *first,
    const struct citation_ref *(*next)(void *), void *arg)
{
	const struct citation_ref *r;
	size_t i;

	emit_str(em, "references");
	emit_start(em, 0);
	for (i = 0; old != NULL && i < old->n; i++)
		emit_node(em, old->kid[i]);
	for (r = first; r != NULL; r = next(arg))
		emit_ref(em, r);
	emit_end(em, 0);
}

/*
 * The stamped document, written through the emitter's output handler
 * (a buf or a file): the emitter holds one buffer of output, never the
 * whole document.
 */
static int
stamp(const struct citation *c, const char *version, const char *date,
    const struct citation_ref *(*next)(void *), void *arg,
    yaml_write_handler_t *put, void *data)
{
	struct emitter em;
	yaml_event_t ev;
	const struct cff_node *root = c->root, *old;
	const struct citation_ref *first;
	char *head;
	size_t i;
	int have_v, have_d, refs_done = 0;

	have_v = map_get(root, "version", NULL) != NULL;
	have_d = map_get(root, "date-released", NULL) != NULL;
	old = map_get(root, "references", NULL);
	head = xasprintf("# Citation metadata of release %s (%s), written by "
	    "sheaf %s.\n", version, date, SHEAF_VERSION);
	put(data, (unsigned char *)head, strlen(head));
	free(head);
	memset(&em, 0, sizeof(em));
	em.path = c->path;
	em.ok = 1;
	yaml_emitter_initialize(&em.e);
	yaml_emitter_set_output(&em.e, put, data);
	yaml_emitter_set_unicode(&em.e, 1);
	yaml_emitter_set_width(&em.e, -1);
	yaml_emitter_set_break(&em.e, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&em, &ev);
	emit_start(&em, 1);
	for (i = 0; i < root->n; i++) {
		const char *k = root->key[i];

		if (strcmp(k, "version") == 0)
			emit_kv(&em, k, version);
		else if (strcmp(k, "date-released") == 0)
			emit_kv(&em, k, date);
		else if (strcmp(k, "references") == 0) {
			emit_refs(&em, old, next(arg), next, arg);
			refs_done = 1;
		} else {
			emit_str(&em, k);
			emit_node(&em, root->kid[i]);
		}
		/* Missing version and date go right after the title. */
		if (strcmp(k, "title") == 0) {
			if (!have_v)
				emit_kv(&em, "version", version);
			if (!have_d)
				emit_kv(&em, "date-released", date);
		}
	}
	if (!refs_done && (first = next(arg)) != NULL)
		emit_refs(&em, NULL, first, next, arg);
	emit_end(&em, 1);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&em, &ev);
	if (em.ok && !yaml_emitter_flush(&em.e)) {
		diag(DIAG_SYS, c->path, 0, "YAML emitter: cannot flush");
		em.ok = 0;
	}
	yaml_emitter_delete(&em.e);
	return em.ok ? 0 : -1;
}

/* An array of references, one at a time. */
struct ref_array {
	const struct citation_ref	*v;
	size_t				 n, i;
};

static const struct citation_ref *
array_next(void *arg)
{
	struct ref_array *a = arg;

	return a->i < a->n ? &a->v[a->i++] : NULL;
}

int
citation_stamp(const struct citation *c, const char *version,
    const char *date, const struct citation_ref *refs, size_t nrefs,
    struct buf *out)
{
	struct ref_array a = { refs, nrefs, 0 };

	return stamp(c, version, date, array_next, &a, write_buf, out);
}

int
citation_stamp_next(const struct citation *c, const char *version,
    const char *date, const struct citation_ref *(*next)(void *),
    void *arg, struct buf *out)
{
	return stamp(c, version, date, next, arg, write_buf, out);
}

/*
 * libyaml's output handler onto a file: a write error is kept there for
 * fs_out_close() to report, not turned into an emitter error.
 */
static int
write_file(void *data, unsigned char *p, size_t n)
{
	fs_out_write(data, p, n);
	return 1;
}

int
citation_stamp_file(const struct citation *c, const char *version,
    const char *date, const struct citation_ref *(*next)(void *),
    void *arg, struct fs_out *out)
{
	return stamp(c, version, date, next, arg, write_file, out);
}
