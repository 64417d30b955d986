/* poolguard rules: validate and inspect rule files. */
#include "commands.h"

#include "poolguard/rules.h"

#include <stdio.h>
#include <string.h>

static void print_diag(void *ctx, const char *message)
{
  (void)ctx;
  fprintf(stderr, "%s\n", message);
}

/*
 * Loads the built-in rules, then each file in order into the same rule set,
 * as the plugin loads its Rules= list: a file may use the kinds of the files
 * before it. Reports every file's errors and, when `verbose`, prints
 * "FILE: ok" for each file without. A file with errors is rejected whole
 * (pg_rules_load_file keeps nothing of it), so a later file that uses its
 * kinds reports them as unknown, as the plugin would. Returns the rule set,
 * or NULL when out of memory; *failed is set when anything had errors.
 */
static pg_rules *load_files(int argc, char **argv, int verbose, int *failed)
{
  pg_rules *rules = pg_rules_new();
  int errors;
  int i;

  *failed = 0;
  if(!rules) {
    fputs("poolguard: out of memory\n", stderr);
    return NULL;
  }
  errors = pg_rules_load_builtin(rules, print_diag, NULL);
  if(errors) {
    fprintf(stderr, "poolguard: the built-in rules have %d error%s\n", errors,
            errors == 1 ? "" : "s");
    *failed = 1;
  }
  for(i = 0; i < argc; i++) {
    errors = pg_rules_load_file(rules, argv[i], print_diag, NULL);
    if(errors) {
      fprintf(stderr, "%s: %d error%s\n", argv[i], errors,
              errors == 1 ? "" : "s");
      *failed = 1;
    }
    else if(verbose) {
      printf("%s: ok\n", argv[i]);
      /* In order with the messages on stderr when both go to one pipe. */
      fflush(stdout);
    }
  }
  return rules;
}

static int rules_lint(int argc, char **argv)
{
  pg_rules *rules;
  int failed;

  if(argc < 1) {
    fputs("usage: poolguard rules lint FILE...\n", stderr);
    return 2;
  }
  rules = load_files(argc, argv, 1, &failed);
  if(!rules)
    return 2;
  pg_rules_free(rules);
  return failed;
}

static const char *function_roles(const pg_function *f, char *buf, size_t len)
{
  buf[0] = '\0';
#define ROLE(cond, name)                                                      \
  do {                                                                        \
    if(cond) {                                                                \
      if(buf[0])                                                              \
        strncat(buf, ",", len - strlen(buf) - 1);                             \
      strncat(buf, name, len - strlen(buf) - 1);                              \
    }                                                                         \
  } while(0)
  ROLE(f->nacquire, "acquire");
  ROLE(f->release, "release");
  ROLE(f->close, "close");
  ROLE(f->borrow_mask || f->borrow_all, "borrow");
  ROLE(f->transfer, "transfer");
  ROLE(f->request_arg != PG_NO_ARG, "request");
  ROLE(f->open_body, "open-body");
  ROLE(f->read, "read");
  ROLE(f->read_to_end, "read-to-end");
  ROLE(f->configure, "configure");
  ROLE(f->reset_arg != PG_NO_ARG, "reset");
  ROLE(f->joins_pool, "joins-pool");
#undef ROLE
  return buf;
}

/* The built-in rules and then FILE..., as lint loads them; nothing is
   listed when any of them has errors. */
static int rules_list(int argc, char **argv)
{
  pg_rules *rules;
  size_t i;
  int failed;

  rules = load_files(argc, argv, 0, &failed);
  if(!rules)
    return 2;
  if(failed) {
    pg_rules_free(rules);
    return 1;
  }
  for(i = 0; i < pg_rules_kind_count(rules); i++) {
    const pg_kind *k = pg_rules_kind_at(rules, i);
    printf("kind %s.%s\t%s\t%s\n", k->library, k->name, pg_role_name(k->role),
           k->type);
  }
  for(i = 0; i < pg_rules_function_count(rules); i++) {
    const pg_function *f = pg_rules_function_at(rules, i);
    char roles[128];
    printf("function %s.%s\t%s\n", f->library, f->name,
           function_roles(f, roles, sizeof(roles)));
  }
  pg_rules_free(rules);
  return 0;
}

static const char usage_text[] =
    "usage: poolguard rules lint FILE...\n"
    "       poolguard rules list [FILE...]\n";

int cmd_rules(int argc, char **argv)
{
  if(argc >= 1 && !strcmp(argv[0], "lint"))
    return rules_lint(argc - 1, argv + 1);
  if(argc >= 1 && !strcmp(argv[0], "list"))
    return rules_list(argc - 1, argv + 1);
  fputs(usage_text, stderr);
  return 2;
}
