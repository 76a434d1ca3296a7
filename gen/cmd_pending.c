/* Transitional: commands whose modules are still being written. */
#include <stdio.h>
#include "hybridoc/cli.h"
int cmd_site(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "site: pending\n"); return 2; }
int cmd_packet(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "packet: pending\n"); return 2; }
