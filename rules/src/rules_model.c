/*
 * The in-memory rule set: an arena that owns every entry and string, a hash
 * table from function name to entry (the plugin looks one up on every call
 * event), kinds keyed by (library, name), and the libraries' borrow prefixes.
 */
#include "rules_internal.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena -------------------------------------------------------------- */

#define ARENA_CHUNK_SIZE 16384

struct pg_arena_chunk {
  pg_arena_chunk *next;
  size_t used; /* bytes of data[] handed out */
  size_t cap;  /* bytes of data[] */
  max_align_t data[];
};

static pg_arena_chunk *chunk_new(size_t cap) {
  pg_arena_chunk *c;

  if (cap > SIZE_MAX - sizeof(*c))
    return NULL;
  c = malloc(sizeof(*c) + cap);
  if (!c)
    return NULL;
  c->next = NULL;
  c->used = 0;
  c->cap = cap;
  return c;
}

void *pg_arena_alloc(pg_arena *arena, size_t size) {
  const size_t align = alignof(max_align_t);
  pg_arena_chunk *c = arena->head;
  void *p;

  if (size == 0)
    size = 1;
  if (size > SIZE_MAX - align)
    return NULL;
  size = (size + align - 1) & ~(align - 1);

  if (!c || c->cap - c->used < size) {
    pg_arena_chunk *fresh =
        chunk_new(size > ARENA_CHUNK_SIZE ? size : ARENA_CHUNK_SIZE);
    if (!fresh)
      return NULL;
    if (c && size > ARENA_CHUNK_SIZE / 4) {
      /* A big block gets a chunk of its own behind the current one, so the
         space left in the current chunk is not wasted. */
      fresh->next = c->next;
      c->next = fresh;
    } else {
      fresh->next = c;
      arena->head = fresh;
    }
    c = fresh;
  }
  p = (char *)c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *pg_arena_strndup(pg_arena *arena, const char *s, size_t len) {
  char *copy;

  if (len == SIZE_MAX)
    return NULL;
  copy = pg_arena_alloc(arena, len + 1);
  if (!copy)
    return NULL;
  if (len)
    memcpy(copy, s, len);
  copy[len] = '\0';
  return copy;
}

char *pg_arena_strdup(pg_arena *arena, const char *s) {
  return pg_arena_strndup(arena, s, strlen(s));
}

void pg_arena_adopt(pg_arena *dst, pg_arena *src) {
  pg_arena_chunk *tail = src->head;

  if (!tail)
    return;
  while (tail->next)
    tail = tail->next;
  tail->next = dst->head;
  dst->head = src->head;
  src->head = NULL;
}

void pg_arena_free(pg_arena *arena) {
  pg_arena_chunk *c = arena->head;

  while (c) {
    pg_arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  arena->head = NULL;
}

/* ---- the rule set ------------------------------------------------------- */

/*
 * Open-addressing hash index over one of the entry arrays: a slot holds the
 * entry's array index + 1, 0 is empty. Capacity is a power of two kept at
 * least twice the entry count, so probing always finds an empty slot.
 */
typedef struct pg_index {
  size_t *slots;
  size_t cap;
} pg_index;

typedef struct pg_library {
  const char *name;      /* arena string */
  const char **prefixes; /* malloc'd array of arena strings */
  size_t nprefixes;
  size_t cap;
} pg_library;

struct pg_rules {
  pg_arena arena;

  pg_function **functions; /* load order; a replaced entry keeps its slot */
  size_t nfunctions;
  size_t cap_functions;
  pg_index function_index;

  pg_kind **kinds; /* load order; a replaced kind is overwritten in place */
  size_t nkinds;
  size_t cap_kinds;
  pg_index kind_index;

  pg_library *libraries;
  size_t nlibraries;
  size_t cap_libraries;
};

typedef struct kind_key {
  const char *library;
  const char *name;
} kind_key;

/* FNV-1a: short keys, good enough spread, no dependencies. */
static uint64_t hash_bytes(uint64_t h, const char *s) {
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211u;
  }
  return h;
}

#define HASH_SEED 14695981039346656037u

static uint64_t hash_function_name(const char *name) {
  return hash_bytes(HASH_SEED, name);
}

static uint64_t hash_kind(const char *library, const char *name) {
  uint64_t h = hash_bytes(HASH_SEED, library);

  h ^= 0xff; /* separator: ("ab","c") and ("a","bc") differ */
  h *= 1099511628211u;
  return hash_bytes(h, name);
}

typedef bool (*index_match_fn)(const pg_rules *rules, size_t i,
                               const void *key);
typedef uint64_t (*index_hash_fn)(const pg_rules *rules, size_t i);

static bool match_function(const pg_rules *rules, size_t i, const void *key) {
  return strcmp(rules->functions[i]->name, (const char *)key) == 0;
}

static bool match_kind(const pg_rules *rules, size_t i, const void *key) {
  const kind_key *k = key;
  const pg_kind *kind = rules->kinds[i];

  return strcmp(kind->name, k->name) == 0 &&
         strcmp(kind->library, k->library) == 0;
}

static uint64_t hash_function_at(const pg_rules *rules, size_t i) {
  return hash_function_name(rules->functions[i]->name);
}

static uint64_t hash_kind_at(const pg_rules *rules, size_t i) {
  return hash_kind(rules->kinds[i]->library, rules->kinds[i]->name);
}

/* The slot holding the matching entry, or the empty slot it would take. */
static size_t index_probe(const pg_index *ix, const pg_rules *rules,
                          uint64_t h, index_match_fn match, const void *key) {
  size_t mask = ix->cap - 1;
  size_t s = (size_t)h & mask;

  while (ix->slots[s] && !match(rules, ix->slots[s] - 1, key))
    s = (s + 1) & mask;
  return s;
}

/* Entry index, or SIZE_MAX when absent. */
static size_t index_find(const pg_index *ix, const pg_rules *rules,
                         uint64_t h, index_match_fn match, const void *key) {
  size_t s;

  if (ix->cap == 0)
    return SIZE_MAX;
  s = index_probe(ix, rules, h, match, key);
  return ix->slots[s] ? ix->slots[s] - 1 : SIZE_MAX;
}

/* Makes room for `count` entries; existing entries are rehashed. */
static int index_reserve(pg_index *ix, const pg_rules *rules, size_t count,
                         size_t used, index_hash_fn hash_at) {
  size_t cap = ix->cap ? ix->cap : 16;
  size_t *slots;
  size_t i;

  if (count > SIZE_MAX / 4)
    return -1;
  while (cap < count * 2)
    cap *= 2;
  if (cap == ix->cap)
    return 0;
  slots = calloc(cap, sizeof(*slots));
  if (!slots)
    return -1;
  for (i = 0; i < used; i++) {
    size_t s = (size_t)hash_at(rules, i) & (cap - 1);
    while (slots[s])
      s = (s + 1) & (cap - 1);
    slots[s] = i + 1;
  }
  free(ix->slots);
  ix->slots = slots;
  ix->cap = cap;
  return 0;
}

/* Grows a malloc'd pointer array to hold at least `need` elements. */
static int grow_array(void **array, size_t *cap, size_t need, size_t elsize) {
  size_t n = *cap ? *cap : 8;
  void *p;

  if (need <= *cap)
    return 0;
  while (n < need) {
    if (n > SIZE_MAX / 2 / elsize)
      return -1;
    n *= 2;
  }
  p = realloc(*array, n * elsize);
  if (!p)
    return -1;
  *array = p;
  *cap = n;
  return 0;
}

pg_rules *pg_rules_new(void) { return calloc(1, sizeof(pg_rules)); }

void pg_rules_free(pg_rules *rules) {
  size_t i;

  if (!rules)
    return;
  for (i = 0; i < rules->nlibraries; i++)
    free(rules->libraries[i].prefixes);
  free(rules->libraries);
  free(rules->functions);
  free(rules->function_index.slots);
  free(rules->kinds);
  free(rules->kind_index.slots);
  pg_arena_free(&rules->arena);
  free(rules);
}

static pg_library *find_library(const pg_rules *rules, const char *name) {
  size_t i;

  for (i = 0; i < rules->nlibraries; i++)
    if (strcmp(rules->libraries[i].name, name) == 0)
      return &rules->libraries[i];
  return NULL;
}

static bool has_prefix(const pg_library *lib, const char *prefix) {
  size_t i;

  for (i = 0; i < lib->nprefixes; i++)
    if (strcmp(lib->prefixes[i], prefix) == 0)
      return true;
  return false;
}

/*
 * Every allocation the commit needs, made up front so the merge itself
 * cannot fail. Growing arrays and rehashing do not change what the rule set
 * contains, so a failure here leaves it as it was.
 */
static int commit_reserve(pg_rules *rules, const pg_stage *st) {
  size_t nfun = rules->nfunctions + st->nfunctions;
  size_t nkind = rules->nkinds + st->nkinds;
  pg_library *lib;

  if (grow_array((void **)&rules->functions, &rules->cap_functions, nfun,
                 sizeof(*rules->functions)) ||
      index_reserve(&rules->function_index, rules, nfun, rules->nfunctions,
                    hash_function_at) ||
      grow_array((void **)&rules->kinds, &rules->cap_kinds, nkind,
                 sizeof(*rules->kinds)) ||
      index_reserve(&rules->kind_index, rules, nkind, rules->nkinds,
                    hash_kind_at))
    return -1;

  lib = find_library(rules, st->library);
  if (!lib) {
    if (grow_array((void **)&rules->libraries, &rules->cap_libraries,
                   rules->nlibraries + 1, sizeof(*rules->libraries)))
      return -1;
    /* Claimed but not counted yet: zeroed so the commit can fill it in. */
    lib = &rules->libraries[rules->nlibraries];
    memset(lib, 0, sizeof(*lib));
  }
  if (grow_array((void **)&lib->prefixes, &lib->cap,
                 lib->nprefixes + st->nprefixes, sizeof(*lib->prefixes)))
    return -1;
  return 0;
}

static void commit_kinds(pg_rules *rules, const pg_stage *st) {
  size_t i;

  for (i = 0; i < st->nkinds; i++) {
    const pg_stage_kind *sk = &st->kinds[i];
    kind_key key;
    size_t s;

    if (sk->replaces) {
      *sk->replaces = *sk->def;
      continue;
    }
    key.library = sk->def->library;
    key.name = sk->def->name;
    s = index_probe(&rules->kind_index, rules,
                    hash_kind(key.library, key.name), match_kind, &key);
    rules->kinds[rules->nkinds] = sk->def;
    rules->kind_index.slots[s] = ++rules->nkinds;
  }
}

static void commit_functions(pg_rules *rules, const pg_stage *st) {
  size_t i;

  for (i = 0; i < st->nfunctions; i++) {
    pg_function *f = st->functions[i];
    size_t s = index_probe(&rules->function_index, rules,
                           hash_function_name(f->name), match_function,
                           f->name);

    if (rules->function_index.slots[s]) {
      /* A later file overrides: the old entry stays allocated (pointers
         handed out remain valid) but is no longer found. */
      rules->functions[rules->function_index.slots[s] - 1] = f;
      continue;
    }
    rules->functions[rules->nfunctions] = f;
    rules->function_index.slots[s] = ++rules->nfunctions;
  }
}

static void commit_library(pg_rules *rules, const pg_stage *st) {
  pg_library *lib = find_library(rules, st->library);
  size_t i;

  if (!lib) {
    /* commit_reserve zeroed this slot and sized its prefix array. */
    lib = &rules->libraries[rules->nlibraries++];
    lib->name = st->library;
  }
  for (i = 0; i < st->nprefixes; i++)
    if (!has_prefix(lib, st->prefixes[i]))
      lib->prefixes[lib->nprefixes++] = st->prefixes[i];
}

int pg_rules_commit(pg_rules *rules, pg_stage *st) {
  if (!rules || !st->library)
    return -1;
  if (commit_reserve(rules, st))
    return -1;
  commit_kinds(rules, st);
  commit_functions(rules, st);
  commit_library(rules, st);
  pg_arena_adopt(&rules->arena, &st->arena);
  return 0;
}

/* ---- lookups ------------------------------------------------------------ */

pg_kind *pg_rules_find_kind(const pg_rules *rules, const char *library,
                            const char *name) {
  kind_key key;
  size_t i;

  if (!rules || !library || !name)
    return NULL;
  key.library = library;
  key.name = name;
  i = index_find(&rules->kind_index, rules, hash_kind(library, name),
                 match_kind, &key);
  return i == SIZE_MAX ? NULL : rules->kinds[i];
}

const pg_function *pg_rules_function(const pg_rules *rules, const char *name) {
  size_t i;

  if (!rules || !name)
    return NULL;
  i = index_find(&rules->function_index, rules, hash_function_name(name),
                 match_function, name);
  return i == SIZE_MAX ? NULL : rules->functions[i];
}

const pg_kind *pg_rules_kind(const pg_rules *rules, const char *library,
                             const char *name) {
  return pg_rules_find_kind(rules, library, name);
}

bool pg_rules_borrows_by_default(const pg_rules *rules, const char *name) {
  size_t i, j;

  if (!rules || !name || pg_rules_function(rules, name))
    return false;
  for (i = 0; i < rules->nlibraries; i++) {
    const pg_library *lib = &rules->libraries[i];
    for (j = 0; j < lib->nprefixes; j++)
      if (strncmp(name, lib->prefixes[j], strlen(lib->prefixes[j])) == 0)
        return true;
  }
  return false;
}

size_t pg_rules_function_count(const pg_rules *rules) {
  return rules ? rules->nfunctions : 0;
}

const pg_function *pg_rules_function_at(const pg_rules *rules, size_t i) {
  return rules && i < rules->nfunctions ? rules->functions[i] : NULL;
}

size_t pg_rules_kind_count(const pg_rules *rules) {
  return rules ? rules->nkinds : 0;
}

const pg_kind *pg_rules_kind_at(const pg_rules *rules, size_t i) {
  return rules && i < rules->nkinds ? rules->kinds[i] : NULL;
}

/* ---- enum names --------------------------------------------------------- */

const char *const pg_role_names[] = {"client", "body", "request", "auxiliary"};
const size_t pg_role_names_count =
    sizeof(pg_role_names) / sizeof(pg_role_names[0]);

const char *const pg_effect_names[] = {
    "timeout",       "low-speed-limit",     "low-speed-time",
    "pool-limit",    "pool-limit-per-host", "reuse-disabled",
    "reuse-enabled", "share",               "share-connections",
    "new-connection", "data-callback"};
const size_t pg_effect_names_count =
    sizeof(pg_effect_names) / sizeof(pg_effect_names[0]);

const char *const pg_combine_names[] = {"set", "add", "remove"};
const size_t pg_combine_names_count =
    sizeof(pg_combine_names) / sizeof(pg_combine_names[0]);

const char *pg_role_name(pg_role role) {
  return (size_t)role < pg_role_names_count ? pg_role_names[role] : "?";
}

const char *pg_effect_name(pg_effect effect) {
  return (size_t)effect < pg_effect_names_count ? pg_effect_names[effect]
                                                : "?";
}
