/* input: files, directories, standard input and JSON Lines. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/article.h"
#include "extract/input.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/xalloc.h"
#include "tables/jsonio.h"
#include "tables/model.h"

struct input {
	char	**files;	/* owned paths */
	size_t	  nfiles, cap, next;
	char	 *jsonl;	/* owned path or NULL */
	FILE	 *jfp;
	unsigned long jline;
	unsigned long jrecords;	/* non-blank lines read */
	int	  jdone;
	struct buf line;
};

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void
add_file(struct input *in, char *path)
{
	in->files = xgrow(in->files, &in->cap, in->nfiles + 1,
	    sizeof(*in->files));
	in->files[in->nfiles++] = path;
}

static int
add_dir(struct input *in, const char *dir)
{
	struct dirent *de;
	size_t first = in->nfiles;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		diag_errno(errno, dir, "cannot open");
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && has_suffix(de->d_name, ".txt"))
			add_file(in, xasprintf("%s/%s", dir, de->d_name));
	closedir(d);
	if (in->nfiles == first) {
		diag(DIAG_DATA, dir, 0, "directory holds no *.txt articles");
		return -1;
	}
	qsort(in->files + first, in->nfiles - first, sizeof(*in->files),
	    namecmp);
	return 0;
}

struct input *
input_open(char *const *args, size_t nargs, const char *jsonl)
{
	struct input *in = xcalloc(1, sizeof(*in));
	struct stat st;
	size_t i;

	buf_init(&in->line);
	for (i = 0; i < nargs; i++) {
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (add_dir(in, args[i]) != 0) {
				input_close(in);
				return NULL;
			}
		} else
			add_file(in, xstrdup(args[i]));
	}
	if (jsonl != NULL) {
		in->jsonl = xstrdup(strcmp(jsonl, "-") == 0 ? "<stdin>" : jsonl);
		in->jfp = strcmp(jsonl, "-") == 0 ? stdin :
		    fopen(jsonl, "r");
		if (in->jfp == NULL) {
			diag_errno(errno, jsonl, "cannot open");
			input_close(in);
			return NULL;
		}
	}
	return in;
}

size_t
input_count(const struct input *in)
{
	return in->jsonl != NULL ? 0 : in->nfiles;
}

/* Read one line into in->line; 1 got one, 0 at EOF, -1 error. */
static int
read_line(struct input *in)
{
	struct buf *b = &in->line;
	int c;

	buf_reset(b);
	/* byte by byte, so that a NUL in a record reaches the JSON parser */
	while ((c = getc_unlocked(in->jfp)) != EOF) {
		if (c == '\n')
			break;
		if (b->len >= INPUT_LINE_MAX) {
			diag(DIAG_DATA, in->jsonl, in->jline + 1,
			    "line longer than %lu bytes", INPUT_LINE_MAX);
			return -1;
		}
		if (b->len + 1 >= b->cap)
			b->s = xgrow(b->s, &b->cap, b->len + 2, 1);
		b->s[b->len++] = (char)c;
	}
	if (b->s != NULL)
		b->s[b->len] = '\0';
	if (ferror(in->jfp)) {
		diag_errno(errno, in->jsonl, "cannot read");
		return -1;
	}
	return c == '\n' || b->len > 0;
}

static int
next_jsonl(struct input *in, struct article **out)
{
	struct meta m;
	char *text = NULL, *name;
	size_t tlen = 0;
	int rc;

	for (;;) {
		if (in->jdone)
			return 0;
		rc = read_line(in);
		if (rc <= 0) {
			in->jdone = 1;
			/* like a folder without articles: not a corpus */
			if (rc == 0 && in->jrecords == 0) {
				diag(DIAG_DATA, in->jsonl, 0, "holds no JSON "
				    "Lines records");
				return -1;
			}
			return rc;
		}
		in->jline++;
		if (in->line.len == 0 || (in->line.len == 1 &&
		    in->line.s[0] == '\r'))
			continue;	/* blank lines are allowed */
		break;
	}
	in->jrecords++;
	memset(&m, 0, sizeof(m));
	if (jsonio_parse_record(in->jsonl, in->jline, in->line.s,
	    in->line.len, &m, &text, &tlen) != 0)
		return -1;
	name = xasprintf("%s:%lu", in->jsonl, in->jline);
	rc = article_from_mem(name, text, tlen, out);
	free(text);
	free(name);
	if (rc != 0) {
		meta_release(&m);
		return -1;
	}
	meta_release(&(*out)->meta);
	(*out)->meta = m;
	(*out)->jsonl = 1;
	return 1;
}

int
input_next(struct input *in, struct article **out)
{
	*out = NULL;
	if (in->next < in->nfiles) {
		const char *p = in->files[in->next++];

		return article_read(p, out) == 0 ? 1 : -1;
	}
	if (in->jfp != NULL)
		return next_jsonl(in, out);
	return 0;
}

void
input_close(struct input *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->nfiles; i++)
		free(in->files[i]);
	free(in->files);
	if (in->jfp != NULL && in->jfp != stdin)
		fclose(in->jfp);
	free(in->jsonl);
	buf_release(&in->line);
	free(in);
}
