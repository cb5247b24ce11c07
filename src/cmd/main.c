/*
 * main: global options, the command table, and the exit status.
 * Exit statuses: 0 ok, 1 invalid data or failed verification, 2 usage,
 * 3 I/O or system error (sheaf(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/diag.h"
#include "lib/version.h"

const struct sheaf_cmd sheaf_cmds[] = {
	{ "build", cmd_build,
	  "build [-q] [-j N] [--out DIR] [--version X.Y.Z] [--date YYYY-MM-DD] "
	  "[--name NAME] [--citation FILE] [--schemas DIR] [--omit-text] "
	  "[--jsonl FILE] [--source-files] [--unpacked] [--previous OLD] "
	  "[--ocfl ROOT] [ARTICLE|DIR|-]...",
	  "normalise articles into tables, validate them, publish a release",
	  "  -o, --out DIR         output directory (default: out)\n"
	  "  -V, --version X.Y.Z   release version (default: CITATION.cff)\n"
	  "  -d, --date DATE       release date (default: SOURCE_DATE_EPOCH,"
	  " else today, UTC)\n"
	  "  -n, --name NAME       release name (default: slug of the title)\n"
	  "  -c, --citation FILE   dataset CITATION.cff (default: the tree's)\n"
	  "      --omit-text       leave article text out of the release\n"
	  "      --schemas DIR     Table Schemas to validate against\n"
	  "      --jsonl FILE      read articles from JSON Lines (- for stdin):\n"
	  "                        {\"id\", \"text\", \"title\", \"authors\", ...}\n"
	  "      --source-files    JSON Lines texts as source/ID.txt, one file\n"
	  "                        each (default: source/documents.jsonl)\n"
	  "      --unpacked        keep the two bags unpacked beside the archives\n"
	  "  -j, --jobs N          extraction threads (default: online CPUs)\n"
	  "      --previous OLD    the previous release (archive, bag or"
	  " release\n"
	  "                        directory): refuse a version the changes"
	  " do not\n"
	  "                        allow (SemVer), write CHANGES.md\n"
	  "      --ocfl ROOT       then add the csv bag as the next version of"
	  " the\n"
	  "                        dataset's OCFL object (see sheaf archive)\n"
	  "  -q, --quiet           errors only, no progress line\n" },
	{ "extract", cmd_extract,
	  "extract --shard K/N --out PART [-j N] [--omit-text] [--jsonl FILE] "
	  "[--source-files] [ARTICLE|DIR|-]...",
	  "extract one shard of a corpus into a partial table set",
	  "      --shard K/N       take the documents whose id hashes to shard K"
	  " of N\n"
	  "  -o, --out PART        the partial table set to write (must not exist)\n"
	  "  -j, --jobs N          extraction threads\n"
	  "      --omit-text       leave article text out\n"
	  "      --jsonl FILE      read articles from JSON Lines\n"
	  "      --source-files    JSON Lines texts as one file each\n" },
	{ "merge", cmd_merge,
	  "merge [--out DIR] [--version X.Y.Z] [--date YYYY-MM-DD] [--name NAME] "
	  "[--citation FILE] [--schemas DIR] [--previous OLD] [--unpacked] "
	  "[--ocfl ROOT] PART...",
	  "build the release from the partial table sets of every shard",
	  "  takes the options of build that concern the release; the result is\n"
	  "  byte-identical to one build of the whole corpus\n" },
	{ "dump", cmd_dump,
	  "dump [--table NAME] [--omit-text] [--jsonl FILE] [ARTICLE|DIR...]",
	  "print one extracted table as CSV on standard output",
	  "  -t, --table NAME      documents, paragraphs (default), entities,\n"
	  "                        mentions, treaties, treaty_parties,"
	  " memberships\n"
	  "      --omit-text       leave article text out\n"
	  "      --jsonl FILE      read articles from JSON Lines (- for stdin)\n" },
	{ "archive", cmd_archive,
	  "archive --ocfl ROOT RELEASE...",
	  "keep releases as the versions of an OCFL 1.1 object",
	  "      --ocfl ROOT       the OCFL storage root (made if absent, with"
	  " the\n"
	  "                        0004-hashed-n-tuple-storage-layout)\n"
	  "  RELEASE               a release directory OUT/NAME-VERSION (its"
	  " csv bag,\n"
	  "                        unpacked or from NAME-VERSION-csv.tar.gz)"
	  "\n"
	  "                        or a csv bag; each is verified, then added"
	  " as the\n"
	  "                        next version of urn:sheaf:NAME; a version"
	  " the head\n"
	  "                        holds already, or a lower one, is refused\n" },
	{ "verify", cmd_verify,
	  "verify [--complete] [--fast] [--ocfl] [--max-files N] "
	  "[--max-size BYTES] "
	  "ARCHIVE|BAG_DIR|CHECKSUM_FILE|DATABASE|OCFL_DIR...",
	  "check a release, any BagIt 0.93-1.0 bag or an OCFL object: "
	  "checksums, completeness, tables",
	  "  ARCHIVE               a release .tar.gz or .zip (read safely)\n"
	  "  BAG_DIR               an unpacked bag, or a release directory\n"
	  "  CHECKSUM_FILE         NAME-VERSION.sha256: each file listed\n"
	  "  DATABASE              NAME-VERSION.sqlite: integrity, foreign"
	  " keys,\n"
	  "                        rows equal to the CSV bag's (or archive's)"
	  " beside it\n"
	  "  OCFL_DIR              an OCFL 1.1 object or storage root (found by"
	  " its\n"
	  "                        0=ocfl_* declaration or inventory.json)\n"
	  "      --complete        files listed in fetch.txt must be here\n"
	  "      --ocfl            take every directory as an OCFL object or"
	  " root\n"
	  "      --fast            OCFL: check structure and inventories, not"
	  " the\n"
	  "                        digests of content files\n"
	  "      --max-files N     refuse archives of more members"
	  " (default 100000)\n"
	  "      --max-size BYTES  refuse archives expanding to more"
	  " (default 4 GiB)\n" },
	{ "diff", cmd_diff,
	  "diff [--format text|json] [--max-files N] [--max-size BYTES] "
	  "OLD NEW",
	  "show what changed between two releases: rows, schemas, metadata",
	  "  OLD, NEW              release archives, bags, release directories"
	  "\n"
	  "                        (their csv bag), data packages or release"
	  "\n"
	  "                        databases (NAME-VERSION.sqlite)\n"
	  "  -f, --format FMT      text (default) or json\n"
	  "      --max-files N     refuse archives of more members"
	  " (default 100000)\n"
	  "      --max-size BYTES  refuse archives expanding to more"
	  " (default 4 GiB)\n"
	  "rows are matched by primary key and compared on the fields both"
	  " have;\n"
	  "exit status: 0 identical, 1 different, 2 unusable input,"
	  " 3 I/O error\n" },
	{ "validate", cmd_validate,
	  "validate [-j N] [--format text|json] [--limit-errors N] "
	  "[--key-memory SIZE] "
	  "FILE.csv --schema SCHEMA.json | datapackage.json | DIR\n"
	  "       sheaf validate --schema SCHEMA.json --print-json-schema",
	  "check CSV files against Frictionless Table Schemas",
	  "  -s, --schema FILE     Table Schema for a single CSV file\n"
	  "      --print-json-schema  print the JSON Schema (2020-12) of the"
	  " table's JSON form\n"
	  "  -f, --format FMT      report as text (default) or json\n"
	  "  -l, --limit-errors N  keep at most N errors per resource"
	  " (default 1000)\n"
	  "  -j, --jobs N          threads; from 2, CSV is parsed in segments"
	  " on two\n"
	  "                        threads (default: online CPUs; the report"
	  " is the same)\n"
	  "      --key-memory SIZE memory of a key set (unique, primary or"
	  " foreign\n"
	  "                        key) before it spills to $TMPDIR"
	  " (default 8M)\n"
	  "exit status: 0 valid, 1 invalid, 2 usage or unusable schema,"
	  " 3 I/O error\n" },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct sheaf_cmd *
cmd_find(const char *name)
{
	const struct sheaf_cmd *c;

	for (c = sheaf_cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cmd_parse_count(const char *s, const char *opt, uint64_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v == 0) {
		diag(DIAG_USAGE, NULL, 0, "%s '%s': expected a positive "
		    "number", opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

int
cmd_parse_size(const char *s, const char *opt, uint64_t min, uint64_t *out)
{
	unsigned long long v, m = 1;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0' && end[1] == '\0') {
		switch (*end) {
		case 'K': case 'k': m = 1ull << 10; end++; break;
		case 'M': case 'm': m = 1ull << 20; end++; break;
		case 'G': case 'g': m = 1ull << 30; end++; break;
		default: break;
		}
	}
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 ||
	    v > UINT64_MAX / m || v * m < min || v * m > SIZE_MAX) {
		diag(DIAG_USAGE, NULL, 0, "%s '%s': expected a size of at "
		    "least %llu bytes (a number, or with K, M or G)", opt, s,
		    (unsigned long long)min);
		return -1;
	}
	*out = v * m;
	return 0;
}

int
cmd_parse_jobs(const char *s, unsigned *jobs)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 1 || n > 256) {
		diag(DIAG_USAGE, NULL, 0, "-j wants a number of threads from 1 "
		    "to 256, not '%s'", s);
		return -1;
	}
	*jobs = (unsigned)n;
	return 0;
}

unsigned
cmd_default_jobs(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus > 1 ? (unsigned)(cpus > 64 ? 64 : cpus) : 1;
}

int
cmd_parse_format(const char *s, int *json)
{
	if (strcmp(s, "json") == 0)
		*json = 1;
	else if (strcmp(s, "text") == 0)
		*json = 0;
	else {
		diag(DIAG_USAGE, NULL, 0, "--format wants text or json, not "
		    "'%s'", s);
		return -1;
	}
	return 0;
}

int
cmd_usage(const struct sheaf_cmd *c)
{
	fprintf(stderr, "usage: sheaf %s\n", c->synopsis);
	return EXIT_USAGE;
}

static void
help_all(FILE *fp)
{
	const struct sheaf_cmd *c;

	fputs("usage: sheaf [-q | -v] COMMAND [ARGS]\n"
	    "       sheaf --help | --version | help COMMAND\n\ncommands:\n",
	    fp);
	for (c = sheaf_cmds; c->name != NULL; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fputs("\nexit status: 0 ok, 1 invalid data or failed verification,"
	    " 2 usage error,\n3 I/O or system error.  See sheaf(1).\n", fp);
}

static int
help_cmd(const char *name)
{
	const struct sheaf_cmd *c = cmd_find(name);

	if (c == NULL) {
		diag(DIAG_USAGE, NULL, 0, "unknown command '%s'", name);
		return EXIT_USAGE;
	}
	printf("usage: sheaf %s\n\n%s\n%s", c->synopsis, c->summary, c->help);
	return EXIT_OK;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *c;
	int ch, rc;

	/* a file size limit must fail a write (exit 3), not kill us */
	signal(SIGXFSZ, SIG_IGN);
	while ((ch = getopt_long(argc, argv, "+hqvV", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help_all(stdout);
			rc = EXIT_OK;
			goto out;
		case 'q':
			diag_set_verbosity(-1);
			break;
		case 'v':
			diag_set_verbosity(2);
			break;
		case 'V':
			printf("sheaf %s\n", SHEAF_VERSION);
			rc = EXIT_OK;
			goto out;
		default:
			help_all(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		help_all(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[0], "help") == 0) {
		if (argc < 2) {
			help_all(stdout);
			rc = EXIT_OK;
		} else
			rc = help_cmd(argv[1]);
		goto out;
	}
	if ((c = cmd_find(argv[0])) == NULL) {
		diag(DIAG_USAGE, NULL, 0, "unknown command '%s'; "
		    "see 'sheaf --help'", argv[0]);
		return EXIT_USAGE;
	}
	optind = 0;	/* GNU getopt: reinitialise for the subcommand */
	rc = c->fn(argc, argv);
out:
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("sheaf: standard output");
		return EXIT_SYS;
	}
	return rc;
}
