/*
 * synth: the parts the benchmark's data generators (gencorpus, gencsv)
 * share: a seeded PRNG (splitmix64), size arguments ("10M", "1Gi"), and
 * template articles cut into paragraphs and sentences.  Everything is a
 * pure function of the template files and the seed, so a generator's
 * output is byte-identical from run to run and machine to machine.
 * Bench code: only the bench generators include it.
 */
#ifndef SHEAF_BENCH_SYNTH_H
#define SHEAF_BENCH_SYNTH_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64 (Steele, Lea, Flood 2014): one 64-bit word of state. */
struct rng {
	uint64_t	s;
};

void		 rng_seed(struct rng *, uint64_t);
uint64_t	 rng_next(struct rng *);
/* A number in [0, n), n > 0 (modulo bias below 2^-40 for our n). */
size_t		 rng_below(struct rng *, size_t n);

/*
 * Parse a size: digits with an optional suffix K, M, G, T (powers of
 * 1000) or Ki, Mi, Gi, Ti (powers of 1024), case-insensitive for the
 * letter.  Returns 0 and the size in *out, or -1 when malformed, zero
 * or too large.
 */
int		 synth_parse_size(const char *, uint64_t *out);
/* Parse a non-negative decimal integer; 0, or -1 when malformed. */
int		 synth_parse_u64(const char *, uint64_t *out);

/* A byte range of a template's text; borrowed from the template. */
struct span {
	const char	*s;
	size_t		 len;
};

enum para_kind {
	PARA_FURNITURE,		/* short or several lines: title... */
	PARA_BODY,		/* running text, recombined by sentences */
	PARA_LAST		/* the closing paragraph (author note) */
};

struct tpara {
	struct span	 text;
	enum para_kind	 kind;
	size_t		 first_sent;	/* in synth.sents (BODY) */
	size_t		 nsent;		/* its sentences (BODY) */
};

/*
 * The templates: every article's paragraphs in order, and pools of
 * what can be recombined.  A paragraph is body text when it is one line
 * of at least SYNTH_BODY_MIN bytes ending in sentence punctuation and is
 * not the article's last paragraph; everything else is kept as page
 * furniture.  Sentences end at . ! or ? (with closing quotes or
 * brackets) followed by a space and a capital or an opening quote.
 */
#define SYNTH_BODY_MIN	120

struct tmpl {
	char		*text;		/* owned; no BOM, no CR */
	size_t		 len;
	struct tpara	*paras;		/* owned */
	size_t		 npara;
};

struct synth {
	struct tmpl	*t;		/* owned array */
	size_t		 nt;
	struct span	*sents;		/* owned; body sentences */
	size_t		 nsent;
	struct span	*furn;		/* owned; one-line furniture */
	size_t		 nfurn;
	struct span	*last;		/* owned; closing paragraphs */
	size_t		 nlast;
};

/*
 * Load the template articles (UTF-8 text files).  Returns 0, or -1
 * after a message on stderr prefixed with prog.
 */
int		 synth_load(struct synth *, const char *prog,
		    char *const *paths, size_t n);
void		 synth_release(struct synth *);

#endif
