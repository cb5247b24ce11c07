/* sink: streaming the tables into the payload. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "tables/csvio.h"
#include "tables/encode.h"
#include "tables/sink.h"
#include "tables/table.h"

struct sink {
	FILE		*csv[T__MAX];
	FILE		*json[T__MAX];
	char		*csvpath[T__MAX];
	char		*jsonpath[T__MAX];
	size_t		 jrows[T__MAX];
	const enum jcol	*types[T__MAX];
	/* every byte hashed as written: the manifests read nothing back */
	struct digest_set cds[T__MAX], jds[T__MAX];
	struct digest_sum csum[T__MAX], jsum[T__MAX];
	int		 hashing;	/* the sets are live */
	/* source/documents.jsonl, made at its first record */
	char		*srcpath;
	FILE		*src;
	struct digest_set sds;
	struct digest_sum ssum;
	int		 have_src;
};

struct sink *
sink_open(const char *dir, struct table *const tables[T__MAX],
    const enum jcol *const types[T__MAX])
{
	struct sink *s = xcalloc(1, sizeof(*s));
	int t;

	for (t = 0; t < T__MAX; t++) {
		digest_set_init(&s->cds[t]);
		digest_set_init(&s->jds[t]);
	}
	s->hashing = 1;
	s->srcpath = xasprintf("%s/source/" SINK_SOURCE_JSONL, dir);
	for (t = 0; t < T__MAX; t++) {
		s->types[t] = types[t];
		s->csvpath[t] = xasprintf("%s/csv/%s.csv", dir, tables[t]->name);
		s->jsonpath[t] = xasprintf("%s/json/%s.json", dir,
		    tables[t]->name);
		if ((s->csv[t] = fs_create_hashed(s->csvpath[t],
		    &s->cds[t])) == NULL || (s->json[t] =
		    fs_create_hashed(s->jsonpath[t], &s->jds[t])) == NULL)
			goto fail;
		if (csvio_header(tables[t], s->csv[t]) != 0) {
			diag_errno(errno, s->csvpath[t], "write error");
			goto fail;
		}
	}
	return s;
fail:
	sink_free(s);
	return NULL;
}

int
sink_put(struct sink *s, struct table *const tables[T__MAX])
{
	int t;

	for (t = 0; t < T__MAX; t++) {
		if (tables[t]->nrows == 0)
			continue;
		if (csvio_rows(tables[t], s->csv[t]) != 0) {
			diag_errno(errno, s->csvpath[t], "write error");
			return -1;
		}
		if (jsonio_rows(tables[t], s->types[t], s->json[t],
		    &s->jrows[t]) != 0) {
			diag_errno(errno, s->jsonpath[t], "write error");
			return -1;
		}
		table_clear(tables[t]);
	}
	return 0;
}

int
sink_put_raw(struct sink *s, int t, const char *csv, size_t ncsv,
    const char *json, size_t njson)
{
	const char *nl;
	size_t i;

	if (ncsv > 0 && fwrite(csv, 1, ncsv, s->csv[t]) != ncsv) {
		diag_errno(errno, s->csvpath[t], "write error");
		return -1;
	}
	for (i = 0; i < njson; i++) {
		nl = strchr(json, '\n');
		if (nl == NULL) {
			diag(DIAG_DATA, s->jsonpath[t], 0, "truncated JSON row");
			return -1;
		}
		if (fputs(s->jrows[t]++ == 0 ? "[\n" : ",\n", s->json[t]) ==
		    EOF || fwrite(json, 1, (size_t)(nl - json), s->json[t]) !=
		    (size_t)(nl - json)) {
			diag_errno(errno, s->jsonpath[t], "write error");
			return -1;
		}
		json = nl + 1;
	}
	return 0;
}

int
sink_put_source(struct sink *s, const char *rec, size_t n)
{
	if (s->src == NULL) {
		if (s->have_src) {	/* closed already */
			diag(DIAG_SYS, s->srcpath, 0, "written after close");
			return -1;
		}
		digest_set_init(&s->sds);
		s->have_src = 1;
		if ((s->src = fs_create_hashed(s->srcpath, &s->sds)) == NULL)
			return -1;
	}
	if (n > 0 && fwrite(rec, 1, n, s->src) != n) {
		diag_errno(errno, s->srcpath, "write error");
		return -1;
	}
	return 0;
}

struct sinkput {
	struct sink	*s;
	int		 t;
};

static int
put_csv(void *arg, const char *p, size_t n, size_t rows)
{
	struct sinkput *x = arg;

	(void)rows;
	return sink_put_raw(x->s, x->t, p, n, "", 0);
}

static int
put_json(void *arg, const char *p, size_t n, size_t rows)
{
	struct sinkput *x = arg;

	(void)n;
	return sink_put_raw(x->s, x->t, NULL, 0, p, rows);
}

int
sink_put_encoded(struct sink *s, const struct encoded *e)
{
	struct sinkput x;
	int t;

	if (e->source.len > 0 && sink_put_source(s, buf_str(&e->source),
	    e->source.len) != 0)
		return -1;
	x.s = s;
	for (t = 0; t < T__MAX; t++) {
		if (e->nrows[t] == 0)
			continue;
		x.t = t;
		if (encode_each(e, t, 0, put_csv, &x) != 0 ||
		    encode_each(e, t, 1, put_json, &x) != 0)
			return -1;
	}
	return 0;
}

size_t
sink_nrows(const struct sink *s, int t)
{
	return s->jrows[t];
}

int
sink_close(struct sink *s)
{
	int t, rc = 0;

	for (t = 0; t < T__MAX; t++) {
		if (jsonio_end(s->json[t], s->jrows[t]) != 0) {
			diag_errno(errno, s->jsonpath[t], "write error");
			rc = -1;
		}
		if (fs_close(s->csv[t], s->csvpath[t]) != 0)
			rc = -1;
		if (fs_close(s->json[t], s->jsonpath[t]) != 0)
			rc = -1;
		s->csv[t] = s->json[t] = NULL;
	}
	if (s->src != NULL) {
		if (fs_close(s->src, s->srcpath) != 0)
			rc = -1;
		s->src = NULL;
		digest_set_final(&s->sds, &s->ssum);
	}
	for (t = 0; t < T__MAX; t++) {
		digest_set_final(&s->cds[t], &s->csum[t]);
		digest_set_final(&s->jds[t], &s->jsum[t]);
	}
	s->hashing = 0;
	return rc;
}

const struct digest_sum *
sink_source_sum(const struct sink *s)
{
	return s->have_src && s->src == NULL ? &s->ssum : NULL;
}

const struct digest_sum *
sink_sum(const struct sink *s, int t, int json)
{
	return json ? &s->jsum[t] : &s->csum[t];
}

void
sink_free(struct sink *s)
{
	int t;

	if (s == NULL)
		return;
	if (s->src != NULL) {
		fclose(s->src);
		digest_set_release(&s->sds);
	}
	free(s->srcpath);
	for (t = 0; t < T__MAX; t++) {
		if (s->csv[t] != NULL)
			fclose(s->csv[t]);
		if (s->json[t] != NULL)
			fclose(s->json[t]);
		free(s->csvpath[t]);
		free(s->jsonpath[t]);
		if (s->hashing) {
			digest_set_release(&s->cds[t]);
			digest_set_release(&s->jds[t]);
		}
	}
	free(s);
}
