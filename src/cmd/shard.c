/* shard: the shard assignment of the partial-table format (shard.h). */
#include <string.h>

#include "cmd/shard.h"
#include "lib/strset.h"

unsigned
shard_of(const char *id, unsigned n)
{
	return (unsigned)(strset_hash(id, strlen(id)) % n) + 1;
}
