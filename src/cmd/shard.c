/* shard: the shard assignment of the partial-table format (shard.h). */
#include <stdint.h>
#include <string.h>

#include "cmd/shard.h"
#include "lib/hash.h"

unsigned
shard_of(const char *id, unsigned n)
{
	return (unsigned)(hash_fnv1a(id, strlen(id)) % n) + 1;
}
