/* The target's one function is inline in include/prefetch.h; SwiftPM
   builds a C target only when it has a source file. */
#include "prefetch.h"
