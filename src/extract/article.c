/* article: reading and decoding input articles. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract/article.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/fs.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/jsonio.h"
#include "tables/model.h"

static unsigned long
line_of(const char *s, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* An article of n bytes is neither empty nor too large; else a diag. */
static int
size_ok(const char *name, size_t n)
{
	if (n == 0) {
		diag(DIAG_DATA, name, 0, "empty article");
		return 0;
	}
	if (n > ARTICLE_MAX) {
		diag(DIAG_DATA, name, 0, "article larger than %lu bytes",
		    ARTICLE_MAX);
		return 0;
	}
	return 1;
}

/*
 * article_from_mem() of bytes[0..n), NUL-ended and owned, which become
 * the article's raw bytes (freed on failure): a file read whole is not
 * copied.
 */
static int
article_take(const char *name, char *bytes, size_t n, struct article **out)
{
	struct article *a;
	size_t bad, i, o;
	int isnul;
	const char *p = bytes;
	size_t len = n;

	*out = NULL;
	if (!size_ok(name, n)) {
		free(bytes);
		return -1;
	}
	if (utf8_check(bytes, n, &bad, &isnul) != 0) {
		if (isnul)
			diag(DIAG_DATA, name, line_of(bytes, bad),
			    "NUL byte at byte offset %zu (binary file?)", bad);
		else
			diag(DIAG_DATA, name, line_of(bytes, bad),
			    "invalid UTF-8 at byte offset %zu (byte 0x%02x); "
			    "only UTF-8 input is accepted", bad,
			    (unsigned char)bytes[bad]);
		free(bytes);
		return -1;
	}
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		len -= 3;
	}
	a = xcalloc(1, sizeof(*a));
	a->path = xstrdup(name);
	a->name = xstrdup(name);
	a->raw = bytes;
	a->rawlen = n;
	if (p == bytes && memchr(bytes, '\r', n) == NULL) {
		/* decoding changes nothing: one buffer serves as both */
		a->text = a->raw;
		a->len = n;
	} else {
		a->text = xmalloc(len + 1);
		for (i = o = 0; i < len; i++) {
			if (p[i] == '\r') {
				a->text[o++] = '\n';
				if (i + 1 < len && p[i + 1] == '\n')
					i++;
			} else
				a->text[o++] = p[i];
		}
		a->text[o] = '\0';
		a->len = o;
	}
	a->ncp = utf8_count(a->text, a->len);
	digest_buf(DIGEST_SHA256, bytes, n, a->sha256);
	*out = a;
	return 0;
}

int
article_from_mem(const char *name, const char *bytes, size_t n,
    struct article **out)
{
	char *copy;

	*out = NULL;
	if (!size_ok(name, n))
		return -1;
	copy = xmalloc(n + 1);
	memcpy(copy, bytes, n);
	copy[n] = '\0';
	return article_take(name, copy, n, out);
}

int
article_read(const char *path, struct article **out)
{
	struct stat st;
	char *bytes;
	size_t n;
	int fd, rc;

	*out = NULL;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		diag_errno(errno, path, "cannot stat");
		rc = -1;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		diag(DIAG_DATA, path, 0, "is a directory, not an article");
		rc = -1;
		goto out;
	}
	rc = fs_read_all(fd, path, ARTICLE_MAX, &bytes, &n);
	if (rc == 1) {
		diag(DIAG_DATA, path, 0, "article larger than %lu bytes",
		    ARTICLE_MAX);
		rc = -1;
	}
	if (rc == 0) {
		/* fs_read_all's buffer has room to spare: give it back */
		bytes = xrealloc(bytes, n + 1);
		rc = article_take(strcmp(path, "-") == 0 ? "<stdin>" :
		    path, bytes, n, out);
		bytes = NULL;
		if (rc == 0 && strcmp(path, "-") != 0)
			rc = article_read_sidecar(*out, path);
		if (rc != 0) {
			article_free(*out);
			*out = NULL;
		}
	}
	free(bytes);
out:
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

int
article_read_sidecar(struct article *a, const char *path)
{
	struct stat st;
	char *side, *dot, *slash;
	int rc = 0;

	side = xasprintf("%s.meta.json", path);
	if (stat(side, &st) != 0) {
		free(side);
		side = xstrdup(path);
		dot = strrchr(side, '.');
		slash = strrchr(side, '/');
		if (dot != NULL && (slash == NULL || dot > slash)) {
			*dot = '\0';
			dot = xasprintf("%s.meta.json", side);
			free(side);
			side = dot;
		}
		if (stat(side, &st) != 0) {
			free(side);
			return 0;
		}
	}
	rc = jsonio_read_meta(side, &a->meta);
	free(side);
	return rc;
}
