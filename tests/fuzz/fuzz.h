/*
 * fuzz: what the harnesses in tests/fuzz/ share.  Each fuzz_TARGET.c
 * defines the libFuzzer entry points
 *
 *   int LLVMFuzzerInitialize(int *argc, char ***argv);
 *   int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
 *
 * and is linked either with clang's libFuzzer (`make fuzz`) or with
 * replay.c, a main() that runs every file of a corpus once (`make
 * check`).  Only the harnesses, fuzz.c and replay.c include this.
 */
#ifndef SHEAF_FUZZ_H
#define SHEAF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Once per process: errors only on stderr, and a private temporary
 * directory (under TMPDIR, else /dev/shm, else /tmp) removed at exit.
 * Returns the directory; borrowed.
 */
const char	*fuzz_setup(void);
/*
 * Write data to the file name in the private directory, replacing it.
 * Returns its path (owned by the caller).  Exits on a write error: the
 * harness cannot go on without its input.
 */
char		*fuzz_put(const char *name, const uint8_t *data, size_t size);
/* A new empty directory in the private one (owned path). */
char		*fuzz_mkdtemp(void);
/*
 * A Table Schema with every field type, constraints, a primary key, a
 * unique field and a foreign key into its own table (field "parent"
 * refers to "id").
 */
extern const char	fuzz_table_schema[];
/* /dev/null opened for writing, once; borrowed. */
void		*fuzz_devnull(void);

#endif
