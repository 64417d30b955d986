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
 * Each file is checked on top of the built-in rules, as the plugin would
 * load it, so references to built-in kinds resolve.
 */
static int rules_lint(int argc, char **argv)
{
  int failed = 0;
  int i;

  if(argc < 1) {
    fputs("usage: poolguard rules lint FILE...\n", stderr);
    return 2;
  }
  for(i = 0; i < argc; i++) {
    pg_rules *rules = pg_rules_new();
    int errors;

    if(!rules) {
      fputs("poolguard: out of memory\n", stderr);
      return 2;
    }
    errors = pg_rules_load_builtin(rules, print_diag, NULL);
    errors += pg_rules_load_file(rules, argv[i], print_diag, NULL);
    if(errors) {
      fprintf(stderr, "%s: %d error%s\n", argv[i], errors,
              errors == 1 ? "" : "s");
      failed = 1;
    }
    else
      printf("%s: ok\n", argv[i]);
    pg_rules_free(rules);
  }
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

static int rules_list(void)
{
  pg_rules *rules = pg_rules_new();
  size_t i;
  int errors;

  if(!rules)
    return 2;
  errors = pg_rules_load_builtin(rules, print_diag, NULL);
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
  return errors ? 1 : 0;
}

int cmd_rules(int argc, char **argv)
{
  if(argc >= 1 && !strcmp(argv[0], "lint"))
    return rules_lint(argc - 1, argv + 1);
  if(argc == 1 && !strcmp(argv[0], "list"))
    return rules_list();
  fputs("usage: poolguard rules lint FILE...\n"
        "       poolguard rules list\n",
        stderr);
  return 2;
}
