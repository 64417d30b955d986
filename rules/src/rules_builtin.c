/*
 * The rule files compiled into the library (the YAML files of rules/builtin,
 * embedded by cmake/EmbedFiles.cmake as pg_builtin_files[]).
 */
#include "rules_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Defined in the generated builtin_rules.c. When there are no files the
   table holds one sentinel entry and the count is 0. */
struct pg_builtin_file {
  const char *name;
  const char *text;
  size_t len;
};
extern const struct pg_builtin_file pg_builtin_files[];
extern const size_t pg_builtin_files_count;

size_t pg_builtin_count(void) { return pg_builtin_files_count; }

const char *pg_builtin_name(size_t i) {
  return i < pg_builtin_files_count ? pg_builtin_files[i].name : NULL;
}

const char *pg_builtin_text(size_t i, size_t *len) {
  if (i >= pg_builtin_files_count) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (len)
    *len = pg_builtin_files[i].len;
  return pg_builtin_files[i].text;
}

/*
 * Loads every built-in file in order (sorted by name), going on after a bad
 * one so all problems show. Messages name the file "builtin/<name>".
 */
int pg_rules_load_builtin(pg_rules *rules, pg_diag_fn diag, void *ctx) {
  int errors = 0;
  size_t i;

  for (i = 0; i < pg_builtin_files_count; i++) {
    const struct pg_builtin_file *f = &pg_builtin_files[i];
    size_t n = strlen("builtin/") + strlen(f->name) + 1;
    char *name = malloc(n);

    if (!name) {
      if (diag)
        diag(ctx, "builtin:1:1: error: out of memory");
      return errors + 1;
    }
    snprintf(name, n, "builtin/%s", f->name);
    errors += pg_rules_load_buffer(rules, name, f->text, f->len, diag, ctx);
    free(name);
  }
  return errors;
}
