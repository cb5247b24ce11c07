/* version: the program's own version (SemVer).  Anyone may include. */
#ifndef SHEAF_VERSION_H
#define SHEAF_VERSION_H

#define SHEAF_VERSION	"0.1.0"

#endif
