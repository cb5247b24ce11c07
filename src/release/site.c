/* site: data/index.html and data/figures/ of a release bag. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/utf8.h"
#include "lib/version.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/datapackage.h"
#include "release/site.h"
#include "release/sqldb.h"

const char *const site_figures[SITE_NFIGURES] = {
	"memberships", "treaties", "entities"
};

/* What the charts count: fig_memberships, fig_treaties, fig_entities. */
const char *const site_whole[] = {
	"entities", "memberships", "treaties", "treaty_parties", NULL
};

/* Bounds: what the page shows of tables of any size. */
#define CELL_CHARS	120	/* code points of a previewed cell */
#define LABEL_CHARS	28	/* code points of a chart label */
#define TOP_N		10	/* bars of a "most ..." chart */
#define TIMELINE_ORGS	12	/* organisations of the timeline */
#define TIMELINE_MARKS	600	/* marks of the timeline */
#define STACK_MAX	8	/* marks at one place before "+n" */

/* Chart geometry, in SVG user units. */
#define SVG_W		720
#define LABEL_W		220	/* left margin for labels */
#define TITLE_H		28	/* the visible title above a chart */
#define BAR_MAX		60	/* widest bar of the year chart */
#define PAD		16

/* A colour-blind safe palette (Okabe and Ito), then greys. */
static const char *const palette[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
	"#F0E442", "#000000", "#999999", "#666666", "#BBBBBB", "#333333"
};
#define NPALETTE	(sizeof(palette) / sizeof(palette[0]))

/* --- escaping -------------------------------------------------------------- */

/* Text for HTML and XML, in content and in quoted attributes. */
static void
esc(struct buf *b, const char *s)
{
	static const char *const ent[128] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;"
	};
	unsigned char c;

	for (; s != NULL && *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c < 128 && ent[c] != NULL)
			buf_adds(b, ent[c]);
		else
			buf_addc(b, *s);
	}
}

/* <a href="PREFIX NAME">NAME</a>, the shown name with a shown prefix. */
static void
link(struct buf *b, const char *prefix, const char *name,
    const char *shown_prefix)
{
	buf_adds(b, "<a href=\"");
	esc(b, prefix);
	esc(b, name);
	buf_adds(b, "\">");
	esc(b, shown_prefix);
	esc(b, name);
	buf_adds(b, "</a>");
}

/* At most max code points of s, escaped, with an ellipsis if cut. */
static void
esc_cut(struct buf *b, const char *s, size_t max)
{
	size_t i;
	char *t;

	if (s == NULL)
		return;
	i = utf8_offset(s, strlen(s), max);
	if (s[i] == '\0') {
		esc(b, s);
		return;
	}
	t = xstrndup(s, i);
	esc(b, t);
	free(t);
	buf_adds(b, "\xE2\x80\xA6");
}

/* --- query results -------------------------------------------------------- */

struct rows {
	char	**v;		/* n * ncol cells, NULL for SQL NULL */
	size_t	  ncol, n, cap;
};

static int
take_row(void *arg, size_t ncol, const char *const *val)
{
	struct rows *r = arg;
	size_t i;

	r->ncol = ncol;
	r->v = xgrow(r->v, &r->cap, (r->n + 1) * ncol, sizeof(*r->v));
	for (i = 0; i < ncol; i++)
		r->v[r->n * ncol + i] = val[i] != NULL ? xstrdup(val[i]) :
		    NULL;
	r->n++;
	return 0;
}

static const char *
cell(const struct rows *r, size_t row, size_t col)
{
	return r->v[row * r->ncol + col];
}

static long long
num(const struct rows *r, size_t row, size_t col)
{
	const char *s = cell(r, row, col);

	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

static void
rows_free(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->n * r->ncol; i++)
		free(r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static int
query(struct sqldb *db, const char *sql, struct rows *r)
{
	memset(r, 0, sizeof(*r));
	return sqldb_query(db, sql, take_row, r);
}

/* 1 when table has every column of the NULL-terminated list. */
static int
has_cols(struct sqldb *db, const char *table, const char *const *cols)
{
	struct rows r;
	char *sql;
	size_t i;
	int found, ok = 1;

	sql = xasprintf("SELECT name FROM pragma_table_info('%s')", table);
	if (query(db, sql, &r) != 0)
		ok = 0;
	for (; ok && *cols != NULL; cols++) {
		for (found = 0, i = 0; i < r.n && !found; i++)
			found = strcmp(cell(&r, i, 0), *cols) == 0;
		ok = found;
	}
	rows_free(&r);
	free(sql);
	return ok;
}

/* --- schemas ------------------------------------------------------------- */

struct tab {
	const struct dp_table	*t;
	json_t			*schema;	/* owned */
};

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The enum values of field name of a schema, in its order; borrowed. */
static json_t *
enum_of(const struct tab *tabs, size_t n, const char *table,
    const char *field)
{
	json_t *f;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (strcmp(tabs[i].t->name, table) != 0)
			continue;
		json_array_foreach(json_object_get(tabs[i].schema, "fields"),
		    j, f)
			if (json_is_string(json_object_get(f, "name")) &&
			    strcmp(jstr(f, "name"), field) == 0)
				return json_object_get(json_object_get(f,
				    "constraints"), "enum");
	}
	return NULL;
}

/* The palette colour of value v in an enum (the last grey if absent). */
static const char *
colour_of(json_t *en, const char *v)
{
	json_t *e;
	size_t i;

	json_array_foreach(en, i, e)
		if (json_is_string(e) && v != NULL &&
		    strcmp(json_string_value(e), v) == 0)
			return palette[i % NPALETTE];
	return palette[NPALETTE - 1];
}

/* --- SVG pieces ----------------------------------------------------------- */

struct fig {
	const char	*id;		/* memberships, treaties, entities */
	struct buf	 svg;		/* the <svg> element */
	struct buf	 fallback;	/* HTML tables with the same data */
	struct buf	 note;		/* what the chart leaves out */
};

static void
svg_open(struct fig *f, int h, const char *title, const char *desc)
{
	struct buf *b = &f->svg;

	h += TITLE_H;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-labelledby=\"fig-%s-title fig-%s-desc\" "
	    "font-family=\"sans-serif\" font-size=\"12\">\n",
	    SVG_W, h, SVG_W, h, f->id, f->id);
	buf_printf(b, "<title id=\"fig-%s-title\">", f->id);
	esc(b, title);
	buf_printf(b, "</title>\n<desc id=\"fig-%s-desc\">", f->id);
	esc(b, desc);
	buf_adds(b, "</desc>\n<rect width=\"100%\" height=\"100%\" "
	    "fill=\"#ffffff\"/>\n");
	buf_printf(b, "<text x=\"%d\" y=\"20\" font-size=\"15\" "
	    "font-weight=\"bold\">", PAD);
	esc(b, title);
	buf_printf(b, "</text>\n<g transform=\"translate(0 %d)\">\n",
	    TITLE_H);
}

static void
svg_close(struct fig *f)
{
	buf_adds(&f->svg, "</g>\n</svg>\n");
}

static void
svg_text(struct buf *b, int x, int y, const char *anchor, const char *attrs,
    const char *s, size_t max)
{
	buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"%s%s>", x, y,
	    anchor, attrs != NULL ? " " : "", attrs != NULL ? attrs : "");
	esc_cut(b, s, max);
	buf_adds(b, "</text>\n");
}

/* A round step for ticks so that range / step is at most max. */
static long long
tick_step(long long range, long long max)
{
	static const long long steps[] = {
		1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
		10000, 100000, 1000000, 10000000, 100000000, 1000000000
	};
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) - 1; i++)
		if (range / steps[i] <= max)
			break;
	return steps[i];
}

/*
 * A horizontal bar panel at y0: one labelled bar per row of r (column
 * 0 the label, column 1 the count, column 2 a colour key or NULL), an
 * x axis with ticks and its label.  Returns the height used.
 */
static int
hbars(struct buf *b, int y0, const char *heading, const char *xlabel,
    const struct rows *r, json_t *en)
{
	long long max = 1, step, v;
	int plot = SVG_W - LABEL_W - 2 * PAD, y, w, x;
	size_t i;
	char n[32];

	svg_text(b, PAD, y0 + 14, "start", "font-weight=\"bold\"", heading,
	    200);
	y0 += 24;
	for (i = 0; i < r->n; i++)
		if (num(r, i, 1) > max)
			max = num(r, i, 1);
	if (max < 1)
		max = 1;
	for (i = 0; i < r->n; i++) {
		y = y0 + (int)i * 20;
		v = num(r, i, 1);
		w = (int)(v * (plot - 40) / max);
		svg_text(b, LABEL_W - 6, y + 13, "end", NULL, cell(r, i, 0),
		    LABEL_CHARS);
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"14\" fill=\"%s\"><title>", LABEL_W, y + 2,
		    w > 0 ? w : 1, r->ncol > 2 && en != NULL ?
		    colour_of(en, cell(r, i, 2)) : palette[0]);
		esc(b, cell(r, i, 0));
		buf_printf(b, ": %lld</title></rect>\n", v);
		snprintf(n, sizeof(n), "%lld", v);
		svg_text(b, LABEL_W + (w > 0 ? w : 1) + 4, y + 13, "start",
		    NULL, n, 32);
	}
	y = y0 + (int)(r->n > 0 ? r->n : 1) * 20 + 4;
	if (r->n == 0)
		svg_text(b, LABEL_W, y0 + 13, "start", "fill=\"#666666\"",
		    "none in this release", 64);
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#333333\"/>\n", LABEL_W, y, LABEL_W + plot - 40, y);
	step = tick_step(max, 6);
	for (v = 0; v <= max; v += step) {
		x = LABEL_W + (int)(v * (plot - 40) / max);
		buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#333333\"/>\n", x, y, x, y + 4);
		snprintf(n, sizeof(n), "%lld", v);
		svg_text(b, x, y + 16, "middle", NULL, n, 32);
	}
	svg_text(b, LABEL_W + (plot - 40) / 2, y + 32, "middle", NULL, xlabel,
	    100);
	return y + 40 - (y0 - 24);
}

/* An HTML table of r with the given column heads. */
static void
html_table(struct buf *b, const char *caption, const char *const *heads,
    const struct rows *r)
{
	size_t i, j;

	buf_adds(b, "<table>\n<caption>");
	esc(b, caption);
	buf_adds(b, "</caption>\n<thead><tr>");
	for (j = 0; heads[j] != NULL; j++) {
		buf_adds(b, "<th scope=\"col\">");
		esc(b, heads[j]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->n; i++) {
		buf_adds(b, "<tr>");
		for (j = 0; j < r->ncol && heads[j] != NULL; j++) {
			buf_adds(b, "<td>");
			esc(b, cell(r, i, j));
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
}

static void
legend(struct buf *b, int y, json_t *en, const struct rows *used,
    size_t col)
{
	json_t *e;
	size_t i, j;
	int x = LABEL_W, in;

	json_array_foreach(en, i, e) {
		for (in = 0, j = 0; j < used->n && !in; j++)
			in = cell(used, j, col) != NULL &&
			    strcmp(cell(used, j, col),
			    json_string_value(e)) == 0;
		if (!in)
			continue;
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/>\n", x, y - 9,
		    palette[i % NPALETTE]);
		svg_text(b, x + 14, y, "start", NULL, json_string_value(e),
		    40);
		x += 24 + 7 * (int)strlen(json_string_value(e));
		if (x > SVG_W - 120) {
			x = LABEL_W;
			y += 16;
		}
	}
}

/* --- the three figures ----------------------------------------------------- */

static const char *const need_memb[] = {
	"organization_id", "member_id", "status", "start", NULL
};
static const char *const need_ent[] = {
	"entity_id", "name", "type", "mention_count", NULL
};
static const char *const need_treaty[] = { "treaty_id", "kind", "date", NULL };
static const char *const need_party[] = { "treaty_id", "entity_id", NULL };

/* Rows from j on with row j's organisation and year (at least 1). */
static size_t
same_place(const struct rows *r, size_t j)
{
	size_t n = 1;

	while (j + n < r->n && strcmp(cell(r, j + n, 0), cell(r, j, 0)) == 0 &&
	    num(r, j + n, 3) == num(r, j, 3))
		n++;
	return n;
}

static int
fig_memberships(struct sqldb *db, const struct tab *tabs, size_t nt,
    struct fig *f)
{
	static const char *const heads[] = {
		"Organisation", "Member", "Status", "Start year", NULL
	};
	struct rows r, nodate;
	json_t *en = enum_of(tabs, nt, "memberships", "status");
	long long y0 = 0, y1 = 0, step, yr;
	char *sql, label[32];
	size_t i, j, k, g, n, norg = 0;
	int h, plot = SVG_W - LABEL_W - 2 * PAD, x, y, row = 0, top = 44;
	int rowh = 12 + 8 * STACK_MAX / 2;

	memset(&r, 0, sizeof(r));
	memset(&nodate, 0, sizeof(nodate));
	if (has_cols(db, "memberships", need_memb) &&
	    has_cols(db, "entities", need_ent)) {
		sql = xasprintf("SELECT coalesce(o.name, m.organization_id), "
		    "coalesce(e.name, m.member_id), m.status, "
		    "CAST(substr(m.start, 1, 4) AS INTEGER) AS y "
		    "FROM memberships AS m "
		    "LEFT JOIN entities AS o ON o.entity_id = m.organization_id "
		    "LEFT JOIN entities AS e ON e.entity_id = m.member_id "
		    "WHERE m.start IS NOT NULL AND m.organization_id IN ("
		    "SELECT organization_id FROM memberships WHERE start IS NOT "
		    "NULL GROUP BY organization_id ORDER BY count(*) DESC, "
		    "organization_id LIMIT %d) "
		    "GROUP BY m.organization_id, m.member_id, m.status, y "
		    "ORDER BY 1, m.organization_id, y, 2, 3 LIMIT %d",
		    TIMELINE_ORGS, TIMELINE_MARKS);
		if (query(db, sql, &r) != 0 || query(db, "SELECT count(*) "
		    "FROM memberships WHERE start IS NULL", &nodate) != 0) {
			free(sql);
			rows_free(&r);
			rows_free(&nodate);
			return -1;
		}
		free(sql);
	}
	for (i = 0; i < r.n; i++) {
		yr = num(&r, i, 3);
		if (i == 0 || yr < y0)
			y0 = yr;
		if (i == 0 || yr > y1)
			y1 = yr;
		if (i == 0 || strcmp(cell(&r, i, 0), cell(&r, i - 1, 0)) != 0)
			norg++;
	}
	y0--;
	y1++;
	h = top + (int)(norg > 0 ? norg : 1) * rowh + 70;
	svg_open(f, h, "Membership timeline",
	    "One row per organisation (at most 12, those with the most dated "
	    "memberships), one mark per member at the year its membership "
	    "or role began, coloured by status.  The same data are in the "
	    "table below the chart.");
	legend(&f->svg, 20, en, &r, 2);
	for (i = 0; i < r.n; i = j) {
		y = top + row * rowh;
		svg_text(&f->svg, LABEL_W - 6, y + rowh / 2 + 4, "end", NULL,
		    cell(&r, i, 0), LABEL_CHARS);
		buf_printf(&f->svg, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\" stroke=\"#dddddd\"/>\n", LABEL_W, y + rowh / 2,
		    LABEL_W + plot, y + rowh / 2);
		/* the marks of one organisation and year at a time */
		for (j = i; j < r.n && strcmp(cell(&r, j, 0),
		    cell(&r, i, 0)) == 0; j += g) {
			g = same_place(&r, j);
			n = g < STACK_MAX ? g : STACK_MAX;	/* drawn */
			x = LABEL_W + (int)((num(&r, j, 3) - y0) * plot /
			    (y1 - y0));
			for (k = 0; k < g && k < STACK_MAX; k++) {
				buf_printf(&f->svg, "<circle cx=\"%d\" "
				    "cy=\"%d\" r=\"4\" fill=\"%s\"><title>",
				    g == 1 ? x : x + (int)(k % 2) * 9 - 4,
				    y + rowh / 2 - (int)((n + 1) / 2 - 1) * 4 +
				    (int)(k / 2) * 8, colour_of(en,
				    cell(&r, j + k, 2)));
				esc(&f->svg, cell(&r, j + k, 1));
				buf_adds(&f->svg, ", ");
				esc(&f->svg, cell(&r, j + k, 2));
				buf_printf(&f->svg, ", %lld</title></circle>\n",
				    num(&r, j + k, 3));
			}
			if (g > STACK_MAX) {
				snprintf(label, sizeof(label), "+%zu",
				    g - STACK_MAX);
				svg_text(&f->svg, x + 10, y + rowh / 2 + 4,
				    "start", "font-size=\"10\"", label, 12);
			}
		}
		row++;
	}
	y = top + (int)(norg > 0 ? norg : 1) * rowh;
	if (r.n == 0)
		svg_text(&f->svg, LABEL_W, top + 20, "start",
		    "fill=\"#666666\"", "no dated membership in this release",
		    64);
	buf_printf(&f->svg, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#333333\"/>\n", LABEL_W, y, LABEL_W + plot, y);
	if (r.n > 0) {
		step = tick_step(y1 - y0, 10);
		for (yr = (y0 + step - 1) / step * step; yr <= y1;
		    yr += step) {
			x = LABEL_W + (int)((yr - y0) * plot / (y1 - y0));
			buf_printf(&f->svg, "<line x1=\"%d\" y1=\"%d\" "
			    "x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>\n", x, y,
			    x, y + 4);
			snprintf(label, sizeof(label), "%lld", yr);
			svg_text(&f->svg, x, y + 16, "middle", NULL, label,
			    8);
		}
	}
	svg_text(&f->svg, LABEL_W + plot / 2, y + 34, "middle", NULL,
	    "Start year", 32);
	svg_text(&f->svg, PAD, y + 34, "start", NULL, "Rows: organisations",
	    32);
	svg_close(f);
	html_table(&f->fallback, "Dated memberships drawn in the timeline",
	    heads, &r);
	if (nodate.n > 0 && num(&nodate, 0, 0) > 0)
		buf_printf(&f->note, "%lld membership%s without a start year "
		    "%s not drawn. ", num(&nodate, 0, 0),
		    num(&nodate, 0, 0) == 1 ? "" : "s",
		    num(&nodate, 0, 0) == 1 ? "is" : "are");
	if (r.n == TIMELINE_MARKS)
		buf_printf(&f->note, "The chart stops at %d marks. ",
		    TIMELINE_MARKS);
	rows_free(&r);
	rows_free(&nodate);
	return 0;
}

static int
fig_treaties(struct sqldb *db, const struct tab *tabs, size_t nt,
    struct fig *f)
{
	static const char *const yheads[] = {
		"Year", "Kind", "Treaties", NULL
	};
	static const char *const pheads[] = { "Party", "Treaties", NULL };
	struct rows yk, parties, nodate;
	json_t *en = enum_of(tabs, nt, "treaties", "kind");
	long long y0 = 0, y1 = 0, max = 1, yr, v, step;
	char *sql, label[32];
	size_t i, j;
	int plot = SVG_W - LABEL_W - 2 * PAD, ph = 160, top = 60, x, y, bw;
	int base, h, used;

	memset(&yk, 0, sizeof(yk));
	memset(&parties, 0, sizeof(parties));
	memset(&nodate, 0, sizeof(nodate));
	if (has_cols(db, "treaties", need_treaty)) {
		if (query(db, "SELECT CAST(substr(date, 1, 4) AS INTEGER) "
		    "AS y, kind, count(*) FROM treaties WHERE date IS NOT NULL "
		    "GROUP BY y, kind ORDER BY y, kind", &yk) != 0 ||
		    query(db, "SELECT count(*) FROM treaties WHERE date IS "
		    "NULL", &nodate) != 0)
			goto fail;
	}
	if (has_cols(db, "treaty_parties", need_party) &&
	    has_cols(db, "entities", need_ent)) {
		sql = xasprintf("SELECT coalesce(e.name, p.entity_id), "
		    "count(*) AS n FROM treaty_parties AS p LEFT JOIN entities "
		    "AS e ON e.entity_id = p.entity_id GROUP BY p.entity_id "
		    "ORDER BY n DESC, 1, p.entity_id LIMIT %d", TOP_N);
		i = (size_t)query(db, sql, &parties);
		free(sql);
		if (i != 0)
			goto fail;
	}
	/* totals per year, for the scale */
	for (i = 0; i < yk.n; i = j) {
		yr = num(&yk, i, 0);
		for (v = 0, j = i; j < yk.n && num(&yk, j, 0) == yr; j++)
			v += num(&yk, j, 2);
		if (v > max)
			max = v;
		if (i == 0)
			y0 = yr;
		y1 = yr;
	}
	h = top + ph + 60 + 24 + (int)(parties.n > 0 ? parties.n : 1) * 20 +
	    60;
	svg_open(f, h, "Treaties per year by kind, and the parties most often "
	    "named",
	    "Above: stacked bars of the dated treaties per year of their "
	    "date, coloured by kind.  Below: the parties named most often "
	    "in treaty_parties (at most 10).  The same data are in the "
	    "tables below the chart.");
	legend(&f->svg, 20, en, &yk, 1);
	base = top + ph;
	if (yk.n > 0) {
		bw = plot / (int)(y1 - y0 + 1);
		if (bw > BAR_MAX)
			bw = BAR_MAX;
		for (i = 0; i < yk.n; i = j) {
			yr = num(&yk, i, 0);
			x = LABEL_W + (int)(yr - y0) * bw;
			for (y = base, j = i; j < yk.n && num(&yk, j, 0) == yr;
			    j++) {
				v = num(&yk, j, 2);
				used = (int)(v * ph / max);
				y -= used;
				buf_printf(&f->svg, "<rect x=\"%d\" y=\"%d\" "
				    "width=\"%d\" height=\"%d\" fill=\"%s\">"
				    "<title>%lld, ", x + 1, y,
				    bw > 2 ? bw - 2 : 1, used,
				    colour_of(en, cell(&yk, j, 1)), yr);
				esc(&f->svg, cell(&yk, j, 1));
				buf_printf(&f->svg, ": %lld</title></rect>\n",
				    v);
			}
		}
		step = tick_step(y1 - y0 + 1, 10);
		for (yr = (y0 + step - 1) / step * step; yr <= y1;
		    yr += step) {
			x = LABEL_W + (int)(yr - y0) * bw + bw / 2;
			snprintf(label, sizeof(label), "%lld", yr);
			svg_text(&f->svg, x, base + 16, "middle", NULL, label,
			    8);
		}
	} else
		svg_text(&f->svg, LABEL_W, top + 20, "start",
		    "fill=\"#666666\"", "no dated treaty in this release", 64);
	buf_printf(&f->svg, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#333333\"/>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\" stroke=\"#333333\"/>\n", LABEL_W, base, LABEL_W + plot,
	    base, LABEL_W, top, LABEL_W, base);
	step = tick_step(max, 5);
	for (v = 0; v <= max; v += step) {
		y = base - (int)(v * ph / max);
		snprintf(label, sizeof(label), "%lld", v);
		svg_text(&f->svg, LABEL_W - 6, y + 4, "end", NULL, label, 16);
	}
	svg_text(&f->svg, LABEL_W + plot / 2, base + 34, "middle", NULL,
	    "Year of the treaty's date", 64);
	buf_printf(&f->svg, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "transform=\"rotate(-90 %d %d)\">Treaties</text>\n",
	    LABEL_W - 40, top + ph / 2, LABEL_W - 40, top + ph / 2);
	hbars(&f->svg, base + 50, "Parties most often named",
	    "Treaties naming the party", &parties, NULL);
	svg_close(f);
	html_table(&f->fallback, "Dated treaties per year and kind", yheads,
	    &yk);
	html_table(&f->fallback, "Parties most often named", pheads,
	    &parties);
	if (nodate.n > 0 && num(&nodate, 0, 0) > 0)
		buf_printf(&f->note, "%lld treat%s without a date %s not "
		    "drawn. ", num(&nodate, 0, 0), num(&nodate, 0, 0) == 1 ?
		    "y" : "ies", num(&nodate, 0, 0) == 1 ? "is" : "are");
	rows_free(&yk);
	rows_free(&parties);
	rows_free(&nodate);
	return 0;
fail:
	rows_free(&yk);
	rows_free(&parties);
	rows_free(&nodate);
	return -1;
}

static int
fig_entities(struct sqldb *db, const struct tab *tabs, size_t nt,
    struct fig *f)
{
	static const char *const theads[] = { "Type", "Entities", NULL };
	static const char *const mheads[] = {
		"Entity", "Mentions", "Type", NULL
	};
	struct rows types, top;
	json_t *en = enum_of(tabs, nt, "entities", "type");
	char *sql;
	int h, y, rc = 0;

	memset(&types, 0, sizeof(types));
	memset(&top, 0, sizeof(top));
	if (has_cols(db, "entities", need_ent)) {
		sql = xasprintf("SELECT name, mention_count, type FROM "
		    "entities ORDER BY mention_count DESC, name, entity_id "
		    "LIMIT %d", TOP_N);
		if (query(db, "SELECT type, count(*), type FROM entities "
		    "GROUP BY type ORDER BY count(*) DESC, type", &types) != 0 ||
		    query(db, sql, &top) != 0)
			rc = -1;
		free(sql);
	}
	if (rc == 0) {
		h = 24 + (int)(types.n > 0 ? types.n : 1) * 20 + 70 + 24 +
		    (int)(top.n > 0 ? top.n : 1) * 20 + 60;
		svg_open(f, h, "Entities by type, and the most mentioned",
		    "Above: how many entities of each type the release holds. "
		    " Below: the entities mentioned most often (at most 10), "
		    "coloured by type.  The same data are in the tables below "
		    "the chart.");
		y = hbars(&f->svg, 8, "Entities by type", "Entities", &types,
		    en);
		hbars(&f->svg, 8 + y + 16, "Most mentioned entities",
		    "Mentions", &top, en);
		svg_close(f);
		html_table(&f->fallback, "Entities by type", theads, &types);
		html_table(&f->fallback, "Most mentioned entities", mheads,
		    &top);
	}
	rows_free(&types);
	rows_free(&top);
	return rc;
}

/* --- the page ----------------------------------------------------------- */

static const char page_style[] =
    "body{font-family:sans-serif;max-width:60rem;margin:0 auto;"
    "padding:1rem;line-height:1.45;color:#222}"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}"
    "th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;"
    "vertical-align:top}"
    "caption{text-align:left;font-weight:bold;padding:.3rem 0}"
    "pre{background:#f5f5f5;padding:.5rem;overflow-x:auto}"
    "code{font-size:.9em}figure{margin:1rem 0}svg{max-width:100%;"
    "height:auto}.sum{font-family:monospace;word-break:break-all}"
    "details{margin:.5rem 0}.scroll{overflow-x:auto}";

/* Names joined "A, B and C". */
static void
authors_text(struct buf *b, const struct citation *c)
{
	size_t i;

	for (i = 0; i < c->nauthors; i++) {
		if (i > 0)
			buf_adds(b, i + 1 == c->nauthors ? " and " : ", ");
		esc(b, c->authors[i]);
	}
}

/* BibTeX's special characters escaped (then HTML's, by the caller). */
static void
bib(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (strchr("&%$#_{}", *s) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
}

/*
 * How to cite: the citation, BibTeX and the stamped CITATION.cff
 * without the references it adds, one per source article, which grow
 * with the corpus (the file beside the page holds them).  -1 after a
 * diagnostic when the citation cannot be written.
 */
static int
cite(struct buf *h, const struct site_in *in)
{
	const struct dp_release *r = in->r;
	const struct citation *c = r->cff;
	const char *refs;
	struct buf t;
	size_t i;

	buf_adds(h, "<section id=\"cite\">\n<h2>How to cite</h2>\n<p>");
	authors_text(h, c);
	buf_printf(h, " (%.4s). <cite>", r->date);
	esc(h, c->title);
	buf_adds(h, "</cite> (version ");
	esc(h, r->version);
	buf_adds(h, ") [Data set].");
	if (c->doi != NULL) {
		buf_adds(h, " <a href=\"https://doi.org/");
		esc(h, c->doi);
		buf_adds(h, "\">https://doi.org/");
		esc(h, c->doi);
		buf_adds(h, "</a>");
	} else if (c->url != NULL) {
		buf_adds(h, " ");
		esc(h, c->url);
	}
	buf_adds(h, "</p>\n<p>");
	esc(h, c->message);
	buf_adds(h, "</p>\n<p>BibTeX:</p>\n<pre>");
	buf_init(&t);
	buf_adds(&t, "@misc{");
	for (i = 0; r->name[i] != '\0'; i++)
		buf_addc(&t, strchr("._-", r->name[i]) != NULL ? '_' :
		    r->name[i]);
	buf_printf(&t, "_%.4s,\n  author = {", r->date);
	for (i = 0; i < c->nauthors; i++) {
		if (i > 0)
			buf_adds(&t, " and ");
		if (c->people[i].entity)
			buf_addc(&t, '{');
		bib(&t, c->authors[i]);
		if (c->people[i].entity)
			buf_addc(&t, '}');
	}
	buf_adds(&t, "},\n  title = {{");
	bib(&t, c->title);
	buf_printf(&t, "}},\n  year = {%.4s},\n  version = {", r->date);
	bib(&t, r->version);
	buf_adds(&t, "},\n  note = {Data set, released ");
	buf_adds(&t, r->date);
	buf_adds(&t, "}");
	if (c->doi != NULL) {
		buf_adds(&t, ",\n  doi = {");
		bib(&t, c->doi);
		buf_adds(&t, "}");
	}
	if (c->url != NULL) {
		buf_adds(&t, ",\n  url = {");
		bib(&t, c->url);
		buf_adds(&t, "}");
	}
	buf_adds(&t, "\n}\n");
	esc(h, t.s);
	buf_release(&t);
	buf_adds(h, "</pre>\n<details><summary>CITATION.cff (Citation File "
	    "Format 1.2.0)</summary>\n<pre>");
	/*
	 * The dataset's part: the file stamped without the articles,
	 * which is the file up to its references (they come last when
	 * the dataset's citation has none of its own), cut there.
	 */
	buf_reset(&t);
	if (citation_stamp(c, r->version, r->date, NULL, 0, &t) != 0) {
		buf_release(&t);
		return -1;
	}
	if ((refs = strstr(buf_str(&t), "\nreferences:")) != NULL)
		t.len = (size_t)(refs - t.s) + 1;
	buf_add(&t, "", 0);	/* the NUL at the cut */
	esc(h, t.s);
	if (refs != NULL || r->nrefs > 0)
		buf_adds(h, "references: \xE2\x80\xA6\n");
	buf_release(&t);
	buf_adds(h, "</pre></details>\n<p><a href=\"CITATION.cff\">"
	    "CITATION.cff</a> lists the source articles as its references: "
	    "cite them too when you quote them.</p>\n</section>\n");
	return 0;
}

static void
rights(struct buf *h, const struct dp_release *r)
{
	const struct citation *c = r->cff;
	size_t i;

	buf_adds(h, "<section id=\"licence\">\n<h2>Licence and rights</h2>\n"
	    "<p>The tables, schemas and documentation are licensed under ");
	for (i = 0; i < c->nlicenses; i++) {
		if (i > 0)
			buf_adds(h, " and ");
		buf_adds(h, "<a href=\"https://spdx.org/licenses/");
		esc(h, c->licenses[i]);
		buf_adds(h, ".html\">");
		esc(h, c->licenses[i]);
		buf_adds(h, "</a>");
	}
	buf_printf(h, ".</p>\n<p>The source articles are not ours: their "
	    "text, in %sthe columns that quote them, stays the property of "
	    "its publishers and authors, and the dataset licence does not "
	    "cover it.  See <a href=\"README.md\">README.md</a> "
	    "(Licence and rights).</p>\n</section>\n",
	    r->omit_text ? "" : "<code>source/</code> and ");
}

static void
sums(struct buf *h, const struct site_in *in, const char *rel)
{
	const struct dp_release *r = in->r;
	size_t i;

	buf_adds(h, "<section id=\"files\">\n<h2>Files and checksums</h2>\n"
	    "<p>The release folder holds four archives (this bag and the ");
	buf_adds(h, strcmp(r->flavour, "csv") == 0 ? "JSON" : "CSV");
	buf_adds(h, " bag, each as tar.gz and zip), the SQLite database and "
	    "its Datasette metadata.  The SHA-256 checksums of the archives "
	    "and the database are in <a href=\"../../");
	esc(h, rel);
	buf_adds(h, ".sha256\">");
	esc(h, rel);
	buf_adds(h, ".sha256</a>: this page is inside the archives, a file "
	    "cannot hold its own checksum, and the page is made while the "
	    "database is still being written.  Check them with "
	    "<code>sha256sum -c ");
	esc(h, rel);
	buf_adds(h, ".sha256</code> in the release folder.</p>\n"
	    "<table>\n<caption>Beside the archives</caption>\n<thead><tr>"
	    "<th scope=\"col\">File</th><th scope=\"col\">SHA-256</th></tr>"
	    "</thead>\n<tbody>\n");
	buf_adds(h, "<tr><td>");
	link(h, "../../", in->db_name, NULL);
	buf_adds(h, "</td><td>in <a href=\"../../");
	esc(h, rel);
	buf_adds(h, ".sha256\">");
	esc(h, rel);
	buf_adds(h, ".sha256</a></td></tr>\n<tr><td>");
	link(h, "../../", in->ds_name, NULL);
	buf_adds(h, "</td><td class=\"sum\">");
	esc(h, in->ds_sha256);
	buf_adds(h, "</td></tr>\n</tbody>\n</table>\n<table>\n<caption>The "
	    "tables of this bag</caption>\n<thead><tr><th scope=\"col\">File"
	    "</th><th scope=\"col\">Bytes</th><th scope=\"col\">SHA-256</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->ntables; i++) {
		buf_adds(h, "<tr><td>");
		link(h, "", r->tables[i].path, NULL);
		buf_printf(h, "</td><td>%llu</td><td class=\"sum\">",
		    (unsigned long long)r->tables[i].bytes);
		esc(h, r->tables[i].sha256);
		buf_adds(h, "</td></tr>\n");
	}
	buf_adds(h, "</tbody>\n</table>\n<p>Every file of the bag is listed "
	    "with its SHA-256 and SHA-512 in the bag's manifests "
	    "(<code>manifest-sha256.txt</code> beside <code>data/</code>); "
	    "<code>sheaf verify</code> checks all of it.</p>\n</section>\n");
}

static int
table_doc(struct buf *h, struct sqldb *db, const struct tab *t)
{
	json_t *fields = json_object_get(t->schema, "fields"), *f, *c;
	struct rows r;
	char *sql, *schema;
	size_t i, j;
	int rc;

	buf_adds(h, "<section id=\"table-");
	esc(h, t->t->name);
	buf_adds(h, "\">\n<h3>");
	esc(h, t->t->name);
	buf_adds(h, "</h3>\n<p>");
	esc(h, jstr(t->schema, "description"));
	if (t->t->rows >= 0)
		buf_printf(h, " <strong>%lld row%s</strong>.", t->t->rows,
		    t->t->rows == 1 ? "" : "s");
	buf_adds(h, " File: ");
	link(h, "", t->t->path, NULL);
	buf_adds(h, "; schema: ");
	schema = xasprintf("%s.json", t->t->name);
	link(h, "schemas/", schema, "schemas/");
	free(schema);
	buf_adds(h, ".</p>\n<div class=\"scroll\"><table>\n<caption>"
	    "Columns</caption>\n<thead><tr><th scope=\"col\">Column</th>"
	    "<th scope=\"col\">Type</th><th scope=\"col\">Required</th>"
	    "<th scope=\"col\">Values</th><th scope=\"col\">Description</th>"
	    "</tr></thead>\n<tbody>\n");
	json_array_foreach(fields, i, f) {
		c = json_object_get(f, "constraints");
		buf_adds(h, "<tr><td><code>");
		esc(h, jstr(f, "name"));
		buf_adds(h, "</code></td><td>");
		esc(h, jstr(f, "type") != NULL ? jstr(f, "type") : "string");
		buf_printf(h, "</td><td>%s</td><td>", json_is_true(
		    json_object_get(c, "required")) ? "yes" : "no");
		if (json_is_array(json_object_get(c, "enum"))) {
			json_t *e;

			json_array_foreach(json_object_get(c, "enum"), j, e) {
				if (j > 0)
					buf_adds(h, ", ");
				buf_adds(h, "<code>");
				esc(h, json_string_value(e));
				buf_adds(h, "</code>");
			}
		}
		buf_adds(h, "</td><td>");
		esc(h, jstr(f, "description"));
		buf_adds(h, "</td></tr>\n");
	}
	buf_adds(h, "</tbody>\n</table></div>\n");
	sql = xasprintf("SELECT * FROM \"%s\" ORDER BY rowid LIMIT %d",
	    t->t->name, SITE_PREVIEW_ROWS);
	rc = query(db, sql, &r);
	free(sql);
	if (rc != 0)
		return -1;
	buf_printf(h, "<div class=\"scroll\"><table>\n<caption>First %zu "
	    "row%s</caption>\n<thead><tr>", r.n, r.n == 1 ? "" : "s");
	json_array_foreach(fields, i, f) {
		buf_adds(h, "<th scope=\"col\">");
		esc(h, jstr(f, "name"));
		buf_adds(h, "</th>");
	}
	buf_adds(h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r.n; i++) {
		buf_adds(h, "<tr>");
		for (j = 0; j < r.ncol; j++) {
			buf_adds(h, "<td>");
			esc_cut(h, cell(&r, i, j), CELL_CHARS);
			buf_adds(h, "</td>");
		}
		buf_adds(h, "</tr>\n");
	}
	buf_adds(h, "</tbody>\n</table></div>\n</section>\n");
	rows_free(&r);
	return 0;
}

static void
howto(struct buf *h, const struct site_in *in, const char *rel)
{
	buf_adds(h, "<section id=\"open\">\n<h2>Opening the data</h2>\n"
	    "<p>The SQLite database <code>");
	esc(h, in->db_name);
	buf_adds(h, "</code> in the release folder holds every table with "
	    "its keys, a <code>metadata</code> and a <code>codebook</code> "
	    "table, and the views <code>memberships_named</code> and "
	    "<code>treaty_parties_named</code> that put names beside the "
	    "ids.  From the release folder:</p>\n<pre>sqlite3 ");
	esc(h, in->db_name);
	buf_adds(h, " 'SELECT * FROM memberships_named LIMIT 5'\n"
	    "datasette ");
	esc(h, in->db_name);
	buf_adds(h, " -m ");
	esc(h, in->ds_name);
	buf_adds(h, "\n</pre>\n<p>Python with pandas:</p>\n<pre>import "
	    "sqlite3\nimport pandas as pd\ncon = sqlite3.connect(\"");
	esc(h, in->db_name);
	buf_adds(h, "\")\ndf = pd.read_sql(\"SELECT * FROM "
	    "treaty_parties_named\", con)\n</pre>\n<p>R:</p>\n<pre>con &lt;- "
	    "DBI::dbConnect(RSQLite::SQLite(), \"");
	esc(h, in->db_name);
	buf_adds(h, "\")\nDBI::dbGetQuery(con, \"SELECT * FROM "
	    "memberships_named\")\n</pre>\n<p>The same tables as files are in "
	    "this folder; <a href=\"README.md\">README.md</a> shows how to "
	    "load them with their types.  Verify a release with "
	    "<code>sheaf verify ");
	esc(h, rel);
	buf_adds(h, "</code>.</p>\n</section>\n");
}

/* --- JSON-LD --------------------------------------------------------------- */

static json_t *
download(const char *rel, const char *suffix, const char *format,
    const char *what)
{
	json_t *o = json_object();
	char *s;

	json_object_set_new(o, "@type", json_string("DataDownload"));
	s = xasprintf("%s%s", rel, suffix);
	json_object_set_new(o, "name", json_string(s));
	free(s);
	s = xasprintf("../../%s%s", rel, suffix);
	json_object_set_new(o, "contentUrl", json_string(s));
	free(s);
	json_object_set_new(o, "encodingFormat", json_string(format));
	json_object_set_new(o, "description", json_string(what));
	return o;
}

static void
jsonld(struct buf *h, const struct site_in *in, const struct tab *tabs,
    const char *rel)
{
	const struct dp_release *r = in->r;
	const struct citation *c = r->cff;
	json_t *d = json_object(), *a, *o, *f;
	char *s, *p;
	size_t i, j;

	json_object_set_new(d, "@context", json_string("https://schema.org/"));
	json_object_set_new(d, "@type", json_string("Dataset"));
	json_object_set_new(d, "name", json_string(c->title));
	json_object_set_new(d, "description", json_string(c->abstract));
	json_object_set_new(d, "version", json_string(r->version));
	json_object_set_new(d, "datePublished", json_string(r->date));
	if (c->nlicenses > 0) {
		s = xasprintf("https://spdx.org/licenses/%s.html",
		    c->licenses[0]);
		json_object_set_new(d, "license", json_string(s));
		free(s);
	}
	if (c->doi != NULL) {
		s = xasprintf("https://doi.org/%s", c->doi);
		json_object_set_new(d, "identifier", json_string(s));
		free(s);
	}
	if (c->url != NULL)
		json_object_set_new(d, "url", json_string(c->url));
	json_object_set_new(d, "isAccessibleForFree", json_true());
	a = json_array();
	for (i = 0; i < c->nauthors; i++) {
		o = json_object();
		json_object_set_new(o, "@type", json_string(
		    c->people[i].entity ? "Organization" : "Person"));
		json_object_set_new(o, "name", json_string(c->authors[i]));
		json_array_append_new(a, o);
	}
	json_object_set_new(d, "creator", a);
	a = json_array();
	for (i = 0; i < c->nkeywords; i++)
		json_array_append_new(a, json_string(c->keywords[i]));
	json_object_set_new(d, "keywords", a);
	a = json_array();
	json_array_append_new(a, download(rel, "-csv.tar.gz",
	    "application/gzip", "CSV tables in a BagIt bag (tar.gz)"));
	json_array_append_new(a, download(rel, "-csv.zip", "application/zip",
	    "CSV tables in a BagIt bag (zip)"));
	json_array_append_new(a, download(rel, "-json.tar.gz",
	    "application/gzip", "JSON tables in a BagIt bag (tar.gz)"));
	json_array_append_new(a, download(rel, "-json.zip", "application/zip",
	    "JSON tables in a BagIt bag (zip)"));
	json_array_append_new(a, download(rel, ".sqlite",
	    "application/vnd.sqlite3", "Every table in one SQLite database"));
	json_object_set_new(d, "distribution", a);
	a = json_array();
	for (i = 0; i < r->ntables; i++)
		json_array_foreach(json_object_get(tabs[i].schema, "fields"), j,
		    f) {
			o = json_object();
			json_object_set_new(o, "@type",
			    json_string("PropertyValue"));
			s = xasprintf("%s.%s", r->tables[i].name,
			    jstr(f, "name") != NULL ? jstr(f, "name") : "");
			json_object_set_new(o, "name", json_string(s));
			free(s);
			if (jstr(f, "description") != NULL)
				json_object_set_new(o, "description",
				    json_string(jstr(f, "description")));
			json_array_append_new(a, o);
		}
	json_object_set_new(d, "variableMeasured", a);
	s = json_dumps(d, JSON_INDENT(1) | JSON_SORT_KEYS);
	json_decref(d);
	buf_adds(h, "<script type=\"application/ld+json\">\n");
	/* '<', '>' and '&' only occur inside strings: escape them there
	 * so that no "</script>" or "<!--" ends the block */
	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p == '<')
			buf_adds(h, "\\u003c");
		else if (*p == '>')
			buf_adds(h, "\\u003e");
		else if (*p == '&')
			buf_adds(h, "\\u0026");
		else
			buf_addc(h, *p);
	free(s);
	buf_adds(h, "\n</script>\n");
}

/* --- writing ---------------------------------------------------------------- */

static int
page(struct buf *h, const struct site_in *in, struct sqldb *db,
    const struct tab *tabs, struct fig *figs)
{
	const struct dp_release *r = in->r;
	const struct citation *c = r->cff;
	char *rel = xasprintf("%s-%s", r->name, r->version);
	size_t i;
	int rc = 0;

	buf_adds(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(h, c->title);
	buf_adds(h, " ");
	esc(h, r->version);
	buf_adds(h, "</title>\n<meta name=\"generator\" content=\"sheaf "
	    SHEAF_VERSION "\">\n<style>");
	buf_adds(h, page_style);
	buf_adds(h, "</style>\n");
	jsonld(h, in, tabs, rel);
	buf_adds(h, "</head>\n<body>\n<header>\n<h1>");
	esc(h, c->title);
	buf_adds(h, "</h1>\n<p>Release <strong>");
	esc(h, r->version);
	buf_adds(h, "</strong> of <code>");
	esc(h, r->name);
	buf_adds(h, "</code>, released ");
	esc(h, r->date);
	buf_adds(h, ".  This bag holds the tables as <strong>");
	buf_adds(h, strcmp(r->flavour, "csv") == 0 ? "CSV" : "JSON");
	buf_adds(h, "</strong>.</p>\n<p>");
	esc(h, c->abstract);
	buf_adds(h, "</p>\n<nav><ul><li><a href=\"#cite\">How to cite</a></li>"
	    "<li><a href=\"#licence\">Licence and rights</a></li>"
	    "<li><a href=\"#files\">Files and checksums</a></li>"
	    "<li><a href=\"#charts\">Charts</a></li>"
	    "<li><a href=\"#tables\">Tables</a></li>"
	    "<li><a href=\"#open\">Opening the data</a></li></ul></nav>\n"
	    "</header>\n<main>\n");
	if (cite(h, in) != 0) {
		free(rel);
		return -1;
	}
	rights(h, r);
	sums(h, in, rel);
	buf_adds(h, "<section id=\"charts\">\n<h2>Charts</h2>\n<p>Each chart "
	    "is also a file in <code>figures/</code>; the tables under it "
	    "hold its data.</p>\n");
	for (i = 0; i < SITE_NFIGURES; i++) {
		buf_printf(h, "<figure id=\"figure-%s\">\n", figs[i].id);
		buf_add(h, figs[i].svg.s, figs[i].svg.len);
		buf_adds(h, "<figcaption>");
		if (figs[i].note.len > 0)
			esc(h, figs[i].note.s);
		buf_printf(h, "File: <a href=\"figures/%s.svg\">figures/%s.svg"
		    "</a>.</figcaption>\n<details><summary>The chart's data as "
		    "tables</summary>\n", figs[i].id, figs[i].id);
		buf_add(h, figs[i].fallback.s, figs[i].fallback.len);
		buf_adds(h, "</details>\n</figure>\n");
	}
	buf_adds(h, "</section>\n<section id=\"tables\">\n<h2>Tables</h2>\n"
	    "<p>Types are Frictionless Table Schema types; an empty cell is "
	    "a missing value.  Long cells are cut here, never in the "
	    "files.</p>\n");
	for (i = 0; i < r->ntables && rc == 0; i++)
		rc = table_doc(h, db, &tabs[i]);
	buf_adds(h, "</section>\n");
	howto(h, in, rel);
	buf_adds(h, "</main>\n<footer><p>Made by sheaf " SHEAF_VERSION
	    " from the tables of this release.</p></footer>\n</body>\n"
	    "</html>\n");
	free(rel);
	return rc;
}

int
site_write(const struct site_in *in, const char *dir)
{
	const struct dp_release *r = in->r;
	struct fig figs[SITE_NFIGURES];
	struct sqldb *db = in->db;
	struct tab *tabs;
	struct buf h;
	json_error_t err;
	char *path;
	size_t i;
	int rc = -1;

	tabs = xcalloc(r->ntables + 1, sizeof(*tabs));
	memset(figs, 0, sizeof(figs));
	for (i = 0; i < SITE_NFIGURES; i++) {
		figs[i].id = site_figures[i];
		buf_init(&figs[i].svg);
		buf_init(&figs[i].fallback);
		buf_init(&figs[i].note);
	}
	buf_init(&h);
	for (i = 0; i < r->ntables; i++) {
		tabs[i].t = &r->tables[i];
		tabs[i].schema = json_load_file(r->tables[i].schema_file,
		    JSON_REJECT_DUPLICATES, &err);
		if (tabs[i].schema == NULL) {
			diag(DIAG_USAGE, r->tables[i].schema_file,
			    (unsigned long)(err.line > 0 ? err.line : 0),
			    "unusable Table Schema: %s", err.text);
			goto out;
		}
	}
	if (fig_memberships(db, tabs, r->ntables, &figs[0]) != 0 ||
	    fig_treaties(db, tabs, r->ntables, &figs[1]) != 0 ||
	    fig_entities(db, tabs, r->ntables, &figs[2]) != 0)
		goto out;
	if (page(&h, in, db, tabs, figs) != 0)
		goto out;
	path = xasprintf("%s/figures", dir);
	i = (size_t)fs_mkdirs(path);
	free(path);
	if (i != 0)
		goto out;
	for (i = 0; i < SITE_NFIGURES; i++) {
		struct buf f;
		int w;

		buf_init(&f);
		buf_adds(&f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		buf_add(&f, figs[i].svg.s, figs[i].svg.len);
		path = xasprintf("%s/figures/%s.svg", dir, figs[i].id);
		w = fs_write_file(path, f.s, f.len);
		free(path);
		buf_release(&f);
		if (w != 0)
			goto out;
	}
	path = xasprintf("%s/index.html", dir);
	rc = fs_write_file(path, h.s, h.len);
	free(path);
out:
	for (i = 0; i < r->ntables; i++)
		json_decref(tabs[i].schema);
	free(tabs);
	for (i = 0; i < SITE_NFIGURES; i++) {
		buf_release(&figs[i].svg);
		buf_release(&figs[i].fallback);
		buf_release(&figs[i].note);
	}
	buf_release(&h);
	return rc;
}
