/* bag: making BagIt 1.0 bags (RFC 8493). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bag/bag.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

void
bag_human_size(unsigned long long n, char out[32])
{
	static const char *const unit[] = { "KB", "MB", "GB", "TB", "PB" };
	double v = (double)n;
	int u = -1;

	if (n < 1024) {
		snprintf(out, 32, "%llu bytes", n);
		return;
	}
	do {			/* n >= 1024: at least once */
		v /= 1024;
		u++;
	} while (v >= 1024 && u < 4);
	snprintf(out, 32, "%.1f %s", v, unit[u]);
}

/* RFC 8493 2.1.3: only CR, LF and '%' are percent-encoded in paths. */
static void
path_encode(struct buf *b, const char *p)
{
	for (; *p != '\0'; p++) {
		if (*p == '%')
			buf_adds(b, "%25");
		else if (*p == '\n')
			buf_adds(b, "%0A");
		else if (*p == '\r')
			buf_adds(b, "%0D");
		else
			buf_addc(b, *p);
	}
}

/* --- making ------------------------------------------------------------- */

static int
write_at(const char *dir, const char *name, const struct buf *b)
{
	char *p = xasprintf("%s/%s", dir, name);
	int rc;

	rc = fs_write_file(p, b->s != NULL ? b->s : "", b->len);
	free(p);
	return rc;
}

static void
info_line(struct buf *b, const char *label, const char *value)
{
	const char *s;

	if (value == NULL || *value == '\0')
		return;
	buf_printf(b, "%s: ", label);
	/* One line: line breaks in a value become spaces. */
	for (s = value; *s != '\0'; s++)
		buf_addc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' :
		    *s);
	buf_addc(b, '\n');
}

/* Write tagmanifest-ALG.txt lines for names[] in dir. */
static int
write_manifests(const char *dir, const char *prefix, char *const *names,
    const struct digest_sum *sums, size_t n)
{
	struct buf b;
	char *file;
	size_t i;
	int a, rc = 0;

	buf_init(&b);
	for (a = 0; a < DIGEST_WRITTEN && rc == 0; a++) {
		buf_reset(&b);
		for (i = 0; i < n; i++) {
			buf_printf(&b, "%s  ", sums[i].hex[a]);
			path_encode(&b, names[i]);
			buf_addc(&b, '\n');
		}
		file = xasprintf("%s-%s.txt", prefix,
		    digest_name((enum digest_alg)a));
		rc = write_at(dir, file, &b);
		free(file);
	}
	buf_release(&b);
	return rc;
}

/* The known sum of data/PATH, or NULL. */
static const struct digest_sum *
known_sum(const struct bag_sum *known, size_t nknown, const char *path)
{
	size_t i;

	for (i = 0; i < nknown; i++)
		if (strcmp(known[i].path, path) == 0)
			return known[i].sum;
	return NULL;
}

/*
 * The payload manifests, one line a file written as the walk goes (no
 * list of every file's digests in memory), themselves hashed as they
 * are written for the tag manifests.
 */
struct mout {
	FILE			*fp[DIGEST_WRITTEN];
	char			*path[DIGEST_WRITTEN];
	struct digest_set	 ds[DIGEST_WRITTEN];
};

static int
mout_open(struct mout *m, const char *dir)
{
	int a, rc = 0;

	memset(m, 0, sizeof(*m));
	for (a = 0; a < DIGEST_WRITTEN; a++) {
		digest_set_init(&m->ds[a]);
		m->path[a] = xasprintf("%s/manifest-%s.txt", dir,
		    digest_name((enum digest_alg)a));
		if (rc == 0 && (m->fp[a] = fs_create_hashed(m->path[a],
		    &m->ds[a])) == NULL)
			rc = -1;
	}
	return rc;
}

static int
mout_line(struct mout *m, struct buf *b, const struct digest_sum *sum,
    const char *name)
{
	int a;

	for (a = 0; a < DIGEST_WRITTEN; a++) {
		buf_reset(b);
		buf_printf(b, "%s  ", sum->hex[a]);
		path_encode(b, name);
		buf_addc(b, '\n');
		if (fwrite(b->s, 1, b->len, m->fp[a]) != b->len) {
			diag_errno(errno ? errno : EIO, m->path[a],
			    "write error");
			return -1;
		}
	}
	return 0;
}

/* Close the manifests; their sums into sums[] (NULL: failed, dropped). */
static int
mout_close(struct mout *m, struct digest_sum *sums)
{
	int a, rc = 0;

	for (a = 0; a < DIGEST_WRITTEN; a++) {
		if (m->fp[a] != NULL && fs_close(m->fp[a], m->path[a]) != 0)
			rc = -1;
		if (m->fp[a] == NULL)
			rc = -1;
		if (rc == 0 && sums != NULL)
			digest_set_final(&m->ds[a], &sums[a]);
		else
			digest_set_release(&m->ds[a]);
		free(m->path[a]);
	}
	return rc;
}

int
bag_make(const char *dir, const struct bag_info *info,
    const struct bag_sum *known, size_t nknown)
{
	struct filetree t;
	struct digest_sum sum;
	const struct digest_sum *ks;
	struct mout m;
	struct buf b;
	char *data = NULL, *p, *name, size[32];
	char *tagnames[2 + DIGEST_WRITTEN];
	struct digest_sum tagsums[2 + DIGEST_WRITTEN];
	unsigned long long octets = 0;
	size_t i, nfile = 0, ntag = 0;
	int a, rc = -1, mopen = 0;

	filetree_init(&t);
	buf_init(&b);
	data = xasprintf("%s/data", dir);
	if (filetree_list(data, &t) != 0)
		goto out;
	mopen = 1;
	if (mout_open(&m, dir) != 0)
		goto out;
	for (i = 0; i < t.n; i++) {
		if (t.e[i].isdir)
			continue;
		/* a digest taken as the file was written is not taken again */
		if ((ks = known_sum(known, nknown, t.e[i].path)) == NULL) {
			p = xasprintf("%s/%s", data, t.e[i].path);
			a = digest_file(p, &sum);
			free(p);
			if (a != 0)
				goto out;
			ks = &sum;
		}
		name = xasprintf("data/%s", t.e[i].path);
		a = mout_line(&m, &b, ks, name);
		free(name);
		if (a != 0)
			goto out;
		octets += ks->size;
		nfile++;
	}
	mopen = 0;
	/* the tag manifests list bag-info.txt, bagit.txt, then these */
	if (mout_close(&m, &tagsums[2]) != 0)
		goto out;

	buf_reset(&b);
	buf_adds(&b, BAG_DECLARATION);
	if (write_at(dir, "bagit.txt", &b) != 0)
		goto out;
	digest_set_sum_buf(b.s, b.len, &tagsums[1]);
	buf_reset(&b);
	bag_human_size(octets, size);
	info_line(&b, "Source-Organization", info->source_organization);
	info_line(&b, "External-Description", info->external_description);
	info_line(&b, "External-Identifier", info->external_identifier);
	info_line(&b, "Bagging-Date", info->bagging_date);
	info_line(&b, "Bag-Software-Agent", info->software_agent);
	buf_printf(&b, "Payload-Oxum: %llu.%zu\n", octets, nfile);
	info_line(&b, "Bag-Size", size);
	info_line(&b, "Version", info->version);
	info_line(&b, "Changes-Since", info->changes_since);
	if (write_at(dir, "bag-info.txt", &b) != 0)
		goto out;
	digest_set_sum_buf(b.s, b.len, &tagsums[0]);

	/* The tag manifests cover every other tag file, in path order. */
	tagnames[ntag++] = xstrdup("bag-info.txt");
	tagnames[ntag++] = xstrdup("bagit.txt");
	for (a = 0; a < DIGEST_WRITTEN; a++)
		tagnames[ntag++] = xasprintf("manifest-%s.txt",
		    digest_name((enum digest_alg)a));
	if (write_manifests(dir, "tagmanifest", tagnames, tagsums, ntag) == 0)
		rc = 0;
	for (i = 0; i < ntag; i++)
		free(tagnames[i]);
out:
	if (mopen)
		mout_close(&m, NULL);
	free(data);
	buf_release(&b);
	filetree_release(&t);
	return rc;
}
