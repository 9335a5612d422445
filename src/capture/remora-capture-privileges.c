/* SPDX-License-Identifier: GPL-3.0-or-later */
/* setresuid(2) and setresgid(2) */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "remora-capture"

#include "config.h"

#include "remora-capture-privileges.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>

static gboolean
fail (GError     **error,
      const char  *what,
      int          saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "Could not drop privileges (%s): %s.", what, g_strerror (saved_errno));
  return FALSE;
}

/* The uid to become when root started us on someone's behalf, or -1. */
static uid_t
invoking_uid (void)
{
  const char *names[] = { "PKEXEC_UID", "SUDO_UID" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);
      guint64 uid;

      if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32 - 1, &uid, NULL))
        return (uid_t) uid;
    }
  return (uid_t) -1;
}

static int
last_capability (void)
{
  g_autofree char *text = NULL;
  guint64 last;

  if (g_file_get_contents ("/proc/sys/kernel/cap_last_cap", &text, NULL, NULL) &&
      g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, 63, &last, NULL))
    return (int) last;
  return CAP_LAST_CAP;
}

static gboolean
become_user (uid_t    uid,
             GError **error)
{
  struct passwd *pw = getpwuid (uid);
  gid_t gid;
  const char *sudo_gid = g_getenv ("SUDO_GID");
  guint64 value;

  if (pw != NULL)
    gid = pw->pw_gid;
  else if (sudo_gid != NULL && g_ascii_string_to_unsigned (sudo_gid, 10, 1, G_MAXUINT32 - 1, &value, NULL))
    gid = (gid_t) value;
  else
    gid = (gid_t) uid;

  if ((pw != NULL ? initgroups (pw->pw_name, gid) : setgroups (1, &gid)) != 0)
    return fail (error, "setgroups", errno);
  if (setresgid (gid, gid, gid) != 0)
    return fail (error, "setresgid", errno);
  if (setresuid (uid, uid, uid) != 0)
    return fail (error, "setresuid", errno);
  /* The way back must be closed. */
  if (setuid (0) == 0)
    return fail (error, "setuid", EPERM);
  return TRUE;
}

gboolean
rc_privileges_drop (GError **error)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  uid_t target = (uid_t) -1;

  if (getuid () == 0 || geteuid () == 0)
    target = invoking_uid ();

  /* Only possible while CAP_SETPCAP is held (root); a helper running on
   * file capabilities cannot and need not: its permitted set is emptied
   * below and no_new_privs keeps it empty. */
  for (int cap = 0; cap <= last_capability (); cap++)
    if (prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EPERM && errno != EINVAL)
      return fail (error, "bounding set", errno);

  if (target != (uid_t) -1 && target != 0 && !become_user (target, error))
    return FALSE;

  if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
    return fail (error, "ambient set", errno);
  memset (data, 0, sizeof data);
  if (syscall (SYS_capset, &header, data) != 0)
    return fail (error, "capset", errno);
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return fail (error, "no_new_privs", errno);

  memset (data, 0xff, sizeof data);
  if (syscall (SYS_capget, &header, data) != 0)
    return fail (error, "capget", errno);
  for (guint i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
    if (data[i].effective != 0 || data[i].permitted != 0 || data[i].inheritable != 0)
      return fail (error, "capabilities still held", EPERM);
  return TRUE;
}

gboolean
rc_privileges_can_write (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  int saved_errno;

  /* access(2), unlike open(2), answers for the real uid: the caller, not
   * whatever file capabilities lent us. */
  if (access (path, F_OK) == 0)
    {
      if (access (path, W_OK) == 0)
        return TRUE;
    }
  else
    {
      dir = g_path_get_dirname (path);
      if (access (dir, W_OK | X_OK) == 0)
        return TRUE;
    }
  saved_errno = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "The file \"%s\" could not be created: %s.", path, g_strerror (saved_errno));
  return FALSE;
}
