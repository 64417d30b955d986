/*
 * poolguard: the command-line front end.
 *
 *   poolguard rules lint FILE...   validate rule files, loaded in order on
 *                                  top of the built-in ones (as the plugin)
 *   poolguard rules list [FILE...] list what the built-in rules (and FILE...)
 *                                  model
 *   poolguard version
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
  fputs("usage: poolguard rules lint FILE...\n"
        "       poolguard rules list [FILE...]\n"
        "       poolguard version\n",
        out);
}

int main(int argc, char **argv)
{
  if(argc < 2) {
    usage(stderr);
    return 2;
  }
  if(!strcmp(argv[1], "rules"))
    return cmd_rules(argc - 2, argv + 2);
  if(!strcmp(argv[1], "version")) {
    printf("poolguard %s\n", POOLGUARD_VERSION);
    return 0;
  }
  if(!strcmp(argv[1], "help") || !strcmp(argv[1], "--help")) {
    usage(stdout);
    return 0;
  }
  fprintf(stderr, "poolguard: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
