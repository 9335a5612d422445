/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The capture interfaces as remora-capture lists them (`-D --machine`,
 * src/capture/README.md), and their live packet counters from sysfs,
 * which any user may read: the chooser shows traffic even without
 * capture rights. */

typedef enum {
  REMORA_INTERFACE_UP       = 1 << 0,
  REMORA_INTERFACE_LOOPBACK = 1 << 1,
  REMORA_INTERFACE_RUNNING  = 1 << 2,
} RemoraInterfaceFlags;

typedef struct {
  char                 *name;
  char                 *description;     /* "" when the system has none */
  GStrv                 addresses;       /* IPv4 and IPv6, as text; never NULL */
  int                   link_type;       /* LINKTYPE_*, -1 unknown */
  char                 *link_type_name;  /* libpcap's description, "unknown" */
  RemoraInterfaceFlags  flags;
} RemoraInterfaceInfo;

void       remora_interface_info_free        (RemoraInterfaceInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraInterfaceInfo, remora_interface_info_free)

/* Parses the helper's `-D --machine` output: a GPtrArray of
 * RemoraInterfaceInfo (owning them), in the helper's order, with `any`
 * added at the end when the helper did not list it.  Lines that do not
 * have the six fields are skipped. */
GPtrArray *remora_interface_list_parse       (const char           *text);

/* Runs `remora-capture -D --machine` (see remora_capture_find_helper())
 * and parses its output.  When the helper cannot be run or fails, the
 * interfaces of /sys/class/net are listed instead (without addresses or
 * link type names) and *HELPER_PROBLEM (if not NULL) receives the
 * reason.  Returns NULL only when cancelled (ERROR set). */
void       remora_interface_list_load_async  (GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray *remora_interface_list_load_finish (GAsyncResult         *result,
                                              char                **helper_problem,
                                              GError              **error);
GPtrArray *remora_interface_list_load        (GCancellable         *cancellable,
                                              char                **helper_problem,
                                              GError              **error);

/* Packets received plus sent by NAME since the system started
 * (/sys/class/net/NAME/statistics rx_packets + tx_packets; `any` sums
 * every interface).  FALSE when there is no such counter. */
gboolean   remora_interface_read_packet_count (const char          *name,
                                               guint64             *packets);

G_END_DECLS
