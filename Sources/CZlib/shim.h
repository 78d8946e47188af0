#ifndef KHO_CZLIB_SHIM_H
#define KHO_CZLIB_SHIM_H
#include <zlib.h>
#endif
