/*
 * Private to the pgrules library: the arena, the staging area a file is
 * parsed into, and the commit that merges a staged file into a pg_rules.
 *
 * Why a staging area: a file with any error must leave the rule set exactly
 * as it was. The loader builds everything for one file in a pg_stage (its own
 * arena) and only a fully valid stage is committed; committing cannot fail
 * half-way because every allocation it needs is made before anything changes.
 */
#ifndef POOLGUARD_RULES_INTERNAL_H
#define POOLGUARD_RULES_INTERNAL_H

#include "poolguard/rules.h"

#include <stddef.h>

/* ---- arena: many small allocations freed together ---------------------- */

typedef struct pg_arena_chunk pg_arena_chunk;

typedef struct pg_arena {
  pg_arena_chunk *head; /* newest chunk first */
} pg_arena;

/* Zeroed, suitably aligned memory; NULL when out of memory. */
void *pg_arena_alloc(pg_arena *arena, size_t size);
/* A NUL-terminated copy of len bytes of s; NULL when out of memory. */
char *pg_arena_strndup(pg_arena *arena, const char *s, size_t len);
char *pg_arena_strdup(pg_arena *arena, const char *s);
/* Moves every chunk of src into dst; src is left empty. Cannot fail. */
void pg_arena_adopt(pg_arena *dst, pg_arena *src);
void pg_arena_free(pg_arena *arena);

/* ---- staging area ------------------------------------------------------ */

typedef struct pg_stage_kind {
  pg_kind *def;      /* the new definition */
  pg_kind *replaces; /* the loaded kind it overwrites on commit, or NULL */
} pg_stage_kind;

/*
 * One parsed file. All arrays and strings live in `arena`; the arrays are
 * sized from the YAML node counts, so no growth is needed.
 */
typedef struct pg_stage {
  pg_arena arena;
  const char *file;    /* name used in locations */
  const char *library; /* NULL until parsed */
  const char **prefixes;
  size_t nprefixes;
  pg_stage_kind *kinds;
  size_t nkinds;
  pg_function **functions;
  size_t nfunctions;
} pg_stage;

/* Kinds already committed to `rules`: NULL when absent (rules may be NULL). */
pg_kind *pg_rules_find_kind(const pg_rules *rules, const char *library,
                            const char *name);

/*
 * Merges a staged file into rules: functions replace same-named ones, kinds
 * overwrite same (library, name) kinds in place (so entries of earlier files
 * that point at them see the new definition), libraries extend. The stage's
 * arena is adopted by rules. Returns 0, or -1 when out of memory, in which
 * case rules is unchanged and the stage still owns its memory.
 */
int pg_rules_commit(pg_rules *rules, pg_stage *stage);

/* Enum spellings as written in rule files, indexed by the enum value. */
extern const char *const pg_role_names[];
extern const size_t pg_role_names_count;
extern const char *const pg_effect_names[];
extern const size_t pg_effect_names_count;
extern const char *const pg_combine_names[];
extern const size_t pg_combine_names_count;

#endif /* POOLGUARD_RULES_INTERNAL_H */
