/* The poolguard command's subcommands. Each returns the process exit code. */
#ifndef POOLGUARD_COMMANDS_H
#define POOLGUARD_COMMANDS_H

int cmd_rules(int argc, char **argv);

#endif
