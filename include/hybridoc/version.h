/* The version printed by --version and recorded in every output. */
#ifndef HYBRIDOC_VERSION
#define HYBRIDOC_VERSION "0.1.0"
#endif
