/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gives up every privilege for good; called once the pcap handles are open
 * and before any output file is created, so files are made with the
 * caller's own rights.
 *
 * - Started by root through sudo or pkexec (SUDO_UID / PKEXEC_UID set):
 *   becomes that user (groups, gid, uid, all three ids), which clears
 *   every capability.
 * - Otherwise (file capabilities, or plain root): empties the bounding
 *   set where allowed (root only), the ambient, inheritable, permitted and
 *   effective sets (capset(2), raw syscall: libcap is not a dependency),
 *   and sets no_new_privs so nothing executed later can regain any.
 * Then checks that the effective and permitted sets are empty. */
gboolean rc_privileges_drop       (GError **error);

/* TRUE when the process can write PATH (or create it in its folder), by
 * the real user id, as access(2) checks.  Only an early, friendly check:
 * the file is opened after rc_privileges_drop() anyway. */
gboolean rc_privileges_can_write  (const char  *path,
                                   GError     **error);

G_END_DECLS
