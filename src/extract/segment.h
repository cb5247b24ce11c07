/*
 * segment: splits an article into paragraphs and gives each a role
 * (title, subtitle, heading, body, caption, credit, author_note,
 * boilerplate) by general rules read from data/lexicon/roles.conf.
 * Fills document.para, .title, .subtitle and .authors.  Core module.
 */
#ifndef SHEAF_SEGMENT_H
#define SHEAF_SEGMENT_H

struct document;
struct seg_rules;

/* Load the role rules from a file; NULL after a diagnostic. */
struct seg_rules *seg_rules_load(const char *path);
void	seg_rules_free(struct seg_rules *);
/* Segment and classify doc->art; returns 0, or -1 after a diagnostic. */
int	segment_run(struct document *, const struct seg_rules *);

#endif
