/*
 * faultinject: an LD_PRELOAD shim that makes the Nth file operation of
 * a process fail, so that tests can step through every write of a run
 * (tests/cli/fault_injection.sh).  Built by the Makefile as
 * $(B)/fault/faultinject.so.  Environment:
 *
 *   FAULT_OPS    the operations counted, comma-separated (default write):
 *                write   write(2), pwrite(2), writev(2) and every flush
 *                        of a stdio stream opened for writing
 *                fsync   fsync(2), fdatasync(2), syncfs(2)
 *                close   close(2) of a descriptor open for writing
 *                        (stdio streams included) whose file still has
 *                        a name: closing an unlinked one loses nothing
 *                rename  rename(2), renameat(2), renameat2(2)
 *                create  open(2)/openat(2) with O_CREAT, mkdir(2),
 *                        fopen() for writing
 *   FAULT_AT     the 1-based number of the counted operation that fails
 *                (unset or 0: none fails; the run is only counted)
 *   FAULT_ERRNO  ENOSPC (default), EIO, EDQUOT or EROFS
 *   FAULT_STICKY 1: every counted operation from FAULT_AT on fails, as
 *                on a full disk; else only that one (a transient error)
 *   FAULT_KILL   1: at FAULT_AT the process gets SIGKILL instead
 *   FAULT_NOSYNC 1: fsync succeeds without syncing (fast test runs; the
 *                program cannot tell)
 *   FAULT_LOG    a file to which the totals are appended at exit, one
 *                line: "write=N fsync=N close=N rename=N create=N"
 *   FAULT_TELL   1: say on standard error which operation fails, and on
 *                what file ("faultinject: close #83 (out/x.lock)")
 *
 * Only operations on regular files and directories are counted, never
 * those on standard error, pipes or terminals.  A failed write writes
 * nothing; a failed close closes the descriptor (as Linux does) and
 * reports the error; a failed fsync syncs nothing.
 *
 * glibc's stdio writes through internal calls that LD_PRELOAD cannot
 * see, so a stream opened for writing (fopen, fdopen) is replaced by a
 * fopencookie() stream whose writes, seeks and close go through the
 * interposed calls above; fileno() answers for it.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum fop { OP_WRITE, OP_FSYNC, OP_CLOSE, OP_RENAME, OP_CREATE, OP__MAX };

static const char *const opname[OP__MAX] = {
	"write", "fsync", "close", "rename", "create"
};

static int		 inited;
static unsigned		 counted_ops;	/* bit set of counted enum fop */
static unsigned long	 fail_at;
static int		 fail_errno = ENOSPC;
static int		 sticky, killer, nosync, tell;
static const char	*logpath;
static unsigned long	 seen;		/* counted operations so far */
static unsigned long	 total[OP__MAX];
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;

static ssize_t	(*real_write)(int, const void *, size_t);
static ssize_t	(*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t	(*real_writev)(int, const struct iovec *, int);
static int	(*real_fsync)(int);
static int	(*real_fdatasync)(int);
static int	(*real_syncfs)(int);
static int	(*real_close)(int);
static int	(*real_rename)(const char *, const char *);
static int	(*real_renameat)(int, const char *, int, const char *);
static int	(*real_renameat2)(int, const char *, int, const char *,
		    unsigned);
static int	(*real_open)(const char *, int, ...);
static int	(*real_open64)(const char *, int, ...);
static int	(*real_openat)(int, const char *, int, ...);
static int	(*real_openat64)(int, const char *, int, ...);
static int	(*real_mkdir)(const char *, mode_t);
static FILE	*(*real_fopen)(const char *, const char *);
static FILE	*(*real_fopen64)(const char *, const char *);
static FILE	*(*real_fdopen)(int, const char *);
static int	(*real_fileno)(FILE *);

static void	*sym(const char *);

static void
init(void)
{
	const char *s;
	size_t n;
	int i;

	if (__atomic_load_n(&inited, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&mu);
	if (inited) {
		pthread_mutex_unlock(&mu);
		return;
	}
	real_write = sym("write");
	real_pwrite = sym("pwrite");
	real_writev = sym("writev");
	real_fsync = sym("fsync");
	real_fdatasync = sym("fdatasync");
	real_syncfs = sym("syncfs");
	real_close = sym("close");
	real_rename = sym("rename");
	real_renameat = sym("renameat");
	real_renameat2 = sym("renameat2");
	real_open = sym("open");
	real_open64 = sym("open64");
	real_openat = sym("openat");
	real_openat64 = sym("openat64");
	real_mkdir = sym("mkdir");
	real_fopen = sym("fopen");
	real_fopen64 = sym("fopen64");
	real_fdopen = sym("fdopen");
	real_fileno = sym("fileno");
	s = getenv("FAULT_OPS");
	if (s == NULL || *s == '\0')
		s = "write";
	while (*s != '\0') {
		n = strcspn(s, ",");
		for (i = 0; i < OP__MAX; i++)
			if ((n == strlen(opname[i]) &&
			    strncmp(s, opname[i], n) == 0) ||
			    (n == 3 && strncmp(s, "all", 3) == 0))
				counted_ops |= 1u << i;
		s += n + (s[n] == ',');
	}
	if ((s = getenv("FAULT_AT")) != NULL)
		fail_at = strtoul(s, NULL, 10);
	if ((s = getenv("FAULT_ERRNO")) != NULL) {
		if (strcmp(s, "EIO") == 0)
			fail_errno = EIO;
		else if (strcmp(s, "EDQUOT") == 0)
			fail_errno = EDQUOT;
		else if (strcmp(s, "EROFS") == 0)
			fail_errno = EROFS;
	}
	sticky = (s = getenv("FAULT_STICKY")) != NULL && strcmp(s, "1") == 0;
	killer = (s = getenv("FAULT_KILL")) != NULL && strcmp(s, "1") == 0;
	nosync = (s = getenv("FAULT_NOSYNC")) != NULL && strcmp(s, "1") == 0;
	tell = (s = getenv("FAULT_TELL")) != NULL && strcmp(s, "1") == 0;
	logpath = getenv("FAULT_LOG");
	__atomic_store_n(&inited, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&mu);
}

static void *
sym(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		fprintf(stderr, "faultinject: no symbol %s\n", name);
		abort();
	}
	return p;
}

/* Regular files and directories count; pipes, terminals, stderr not. */
static int
fd_counts(int fd)
{
	struct stat st;

	if (fd == STDERR_FILENO || fd < 0 || fstat(fd, &st) != 0)
		return 0;
	return S_ISREG(st.st_mode) || S_ISDIR(st.st_mode);
}

/* Count one operation on fd or path; 1 if it must fail (errno set). */
static int
hit(enum fop op, int fd, const char *path)
{
	char link[64], target[512];
	ssize_t len;

	unsigned long n;
	int fail;

	init();
	if (!(counted_ops & (1u << op)))
		return 0;
	pthread_mutex_lock(&mu);
	n = ++seen;
	total[op]++;
	fail = fail_at != 0 && (n == fail_at || (sticky && n > fail_at));
	pthread_mutex_unlock(&mu);
	if (!fail)
		return 0;
	if (tell) {
		if (path == NULL) {
			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			len = readlink(link, target, sizeof(target) - 1);
			target[len > 0 ? len : 0] = '\0';
			path = target;
		}
		fprintf(stderr, "faultinject: %s #%lu (%s)\n", opname[op], n,
		    path);
	}
	if (killer)
		kill(getpid(), SIGKILL);
	errno = fail_errno;
	return 1;
}

__attribute__((destructor)) static void
report(void)
{
	char line[256];
	int fd, n, i, len = 0;

	if (!inited || logpath == NULL)
		return;
	for (i = 0; i < OP__MAX; i++) {
		n = snprintf(line + len, sizeof(line) - (size_t)len, "%s%s=%lu",
		    i > 0 ? " " : "", opname[i], total[i]);
		if (n > 0)
			len += n;
	}
	line[len++] = '\n';
	if ((fd = real_open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0644)) < 0)
		return;
	(void)!real_write(fd, line, (size_t)len);
	real_close(fd);
}

/* --- descriptors ---------------------------------------------------------- */

ssize_t
write(int fd, const void *p, size_t n)
{
	init();
	if (fd_counts(fd) && hit(OP_WRITE, fd, NULL))
		return -1;
	return real_write(fd, p, n);
}

ssize_t
pwrite(int fd, const void *p, size_t n, off_t off)
{
	init();
	if (fd_counts(fd) && hit(OP_WRITE, fd, NULL))
		return -1;
	return real_pwrite(fd, p, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	init();
	if (fd_counts(fd) && hit(OP_WRITE, fd, NULL))
		return -1;
	return real_writev(fd, iov, n);
}

int
fsync(int fd)
{
	init();
	if (fd_counts(fd) && hit(OP_FSYNC, fd, NULL))
		return -1;
	return nosync ? 0 : real_fsync(fd);
}

int
fdatasync(int fd)
{
	init();
	if (fd_counts(fd) && hit(OP_FSYNC, fd, NULL))
		return -1;
	return nosync ? 0 : real_fdatasync(fd);
}

int
syncfs(int fd)
{
	init();
	if (fd_counts(fd) && hit(OP_FSYNC, fd, NULL))
		return -1;
	return nosync ? 0 : real_syncfs(fd);
}

int
close(int fd)
{
	struct stat st;
	int fl, e;

	init();
	fl = fcntl(fd, F_GETFL);
	if (fl != -1 && (fl & O_ACCMODE) != O_RDONLY && fd_counts(fd) &&
	    fstat(fd, &st) == 0 && st.st_nlink > 0 &&
	    hit(OP_CLOSE, fd, NULL)) {
		e = errno;
		real_close(fd);
		errno = e;
		return -1;
	}
	return real_close(fd);
}

int
rename(const char *a, const char *b)
{
	if (hit(OP_RENAME, -1, b))
		return -1;
	return real_rename(a, b);
}

int
renameat(int da, const char *a, int db, const char *b)
{
	if (hit(OP_RENAME, -1, b))
		return -1;
	return real_renameat(da, a, db, b);
}

int
renameat2(int da, const char *a, int db, const char *b, unsigned fl)
{
	if (hit(OP_RENAME, -1, b))
		return -1;
	return real_renameat2(da, a, db, b, fl);
}

int
mkdir(const char *p, mode_t m)
{
	if (hit(OP_CREATE, -1, p))
		return -1;
	return real_mkdir(p, m);
}

#define OPEN_BODY(call) do {						\
	mode_t m = 0;							\
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {	\
		va_list ap;						\
		va_start(ap, flags);					\
		m = (mode_t)va_arg(ap, int);				\
		va_end(ap);						\
		if (hit(OP_CREATE, -1, p))				\
			return -1;					\
	}								\
	return call;							\
} while (0)

int
open(const char *p, int flags, ...)
{
	init();
	OPEN_BODY(real_open(p, flags, m));
}

int
open64(const char *p, int flags, ...)
{
	init();
	OPEN_BODY(real_open64(p, flags, m));
}

int
openat(int d, const char *p, int flags, ...)
{
	init();
	OPEN_BODY(real_openat(d, p, flags, m));
}

int
openat64(int d, const char *p, int flags, ...)
{
	init();
	OPEN_BODY(real_openat64(d, p, flags, m));
}

/* --- stdio: writable streams through the calls above --------------------- */

struct cookie {
	int	fd;
};

/* The writable streams made here and their descriptors, for fileno(). */
static struct stream {
	FILE	*fp;
	int	 fd;
}		*streams;
static size_t	 nstreams, capstreams;

static void
stream_add(FILE *fp, int fd)
{
	struct stream *s;

	pthread_mutex_lock(&mu);
	if (nstreams == capstreams) {
		capstreams = capstreams ? 2 * capstreams : 16;
		s = realloc(streams, capstreams * sizeof(*s));
		if (s == NULL)
			abort();
		streams = s;
	}
	streams[nstreams].fp = fp;
	streams[nstreams++].fd = fd;
	pthread_mutex_unlock(&mu);
}

static void
stream_del(int fd)
{
	size_t i;

	pthread_mutex_lock(&mu);
	for (i = 0; i < nstreams; i++)
		if (streams[i].fd == fd) {
			streams[i] = streams[--nstreams];
			break;
		}
	pthread_mutex_unlock(&mu);
}

static ssize_t
ck_read(void *c, char *p, size_t n)
{
	return read(((struct cookie *)c)->fd, p, n);
}

static ssize_t
ck_write(void *c, const char *p, size_t n)
{
	size_t done = 0;
	ssize_t w;

	/*
	 * stdio wants all or an error: a short count (0 when nothing was
	 * written, errno set).  Not -1: glibc's fwrite adds a -1 to what
	 * is left to write and reads past the caller's buffer (a large
	 * fwrite through a failing cookie stream).
	 */
	while (done < n) {
		w = write(((struct cookie *)c)->fd, p + done, n - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return (ssize_t)done;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int
ck_seek(void *c, off64_t *off, int whence)
{
	off_t r = lseek(((struct cookie *)c)->fd, (off_t)*off, whence);

	if (r == (off_t)-1)
		return -1;
	*off = r;
	return 0;
}

static int
ck_close(void *c)
{
	int fd = ((struct cookie *)c)->fd;

	free(c);
	stream_del(fd);
	return close(fd);
}

static FILE *
wrap(int fd, const char *mode)
{
	cookie_io_functions_t io = { ck_read, ck_write, ck_seek, ck_close };
	struct cookie *c = malloc(sizeof(*c));
	FILE *fp;

	if (c == NULL)
		return NULL;
	c->fd = fd;
	if ((fp = fopencookie(c, mode, io)) == NULL) {
		free(c);
		return NULL;
	}
	stream_add(fp, fd);
	return fp;
}

static int
writable(const char *mode)
{
	return strchr(mode, 'w') != NULL || strchr(mode, 'a') != NULL ||
	    strchr(mode, '+') != NULL;
}

/* "w", "a", "r+"... without 'b', 'e', 'x', for fopencookie(). */
static const char *
plain_mode(const char *mode)
{
	int plus = strchr(mode, '+') != NULL;

	switch (mode[0]) {
	case 'w':
		return plus ? "w+" : "w";
	case 'a':
		return plus ? "a+" : "a";
	default:
		return "r+";
	}
}

static FILE *
fopen_common(const char *path, const char *mode,
    FILE *(*real)(const char *, const char *))
{
	int flags, fd, e;
	FILE *fp;

	init();
	if (!writable(mode))
		return real(path, mode);
	flags = strchr(mode, '+') != NULL ? O_RDWR : O_WRONLY;
	if (mode[0] == 'w')
		flags |= O_CREAT | O_TRUNC;
	else if (mode[0] == 'a')
		flags |= O_CREAT | O_APPEND;
	if (strchr(mode, 'x') != NULL)
		flags |= O_EXCL;
	if (strchr(mode, 'e') != NULL)
		flags |= O_CLOEXEC;
	if ((fd = open(path, flags, 0666)) < 0)
		return NULL;
	if ((fp = wrap(fd, plain_mode(mode))) == NULL) {
		e = errno;
		real_close(fd);
		errno = e;
	}
	return fp;
}

FILE *
fopen(const char *path, const char *mode)
{
	init();
	return fopen_common(path, mode, real_fopen);
}

FILE *
fopen64(const char *path, const char *mode)
{
	init();
	return fopen_common(path, mode, real_fopen64);
}

FILE *
fdopen(int fd, const char *mode)
{
	init();
	if (!writable(mode) || !fd_counts(fd))
		return real_fdopen(fd, mode);
	return wrap(fd, plain_mode(mode));
}

int
fileno(FILE *fp)
{
	size_t i;
	int fd = -1;

	init();
	pthread_mutex_lock(&mu);
	for (i = 0; i < nstreams; i++)
		if (streams[i].fp == fp) {
			fd = streams[i].fd;
			break;
		}
	pthread_mutex_unlock(&mu);
	return fd != -1 ? fd : real_fileno(fp);
}
