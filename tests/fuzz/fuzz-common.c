/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memfd_create, pipe2, F_SETPIPE_SZ */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

const int fuzz_link_types[] = {
  REMORA_LINKTYPE_ETHERNET,
  REMORA_LINKTYPE_RAW,
  REMORA_LINKTYPE_IPV4,
  REMORA_LINKTYPE_IPV6,
  REMORA_LINKTYPE_LINUX_SLL,
  REMORA_LINKTYPE_LINUX_SLL2,
  REMORA_LINKTYPE_NULL,
  REMORA_LINKTYPE_LOOP,
  REMORA_LINKTYPE_PPP,
  REMORA_LINKTYPE_PPP_HDLC,
  REMORA_LINKTYPE_PPP_ETHER,
  REMORA_LINKTYPE_C_HDLC,
  REMORA_LINKTYPE_NFLOG,
  147,                       /* a user link type nobody registers: frame + data */
};
const guint fuzz_n_link_types = G_N_ELEMENTS (fuzz_link_types);

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  /* A critical is a broken precondition inside the engine: as much a
   * finding as a crash, so make it one. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  remora_dissectors_init ();
}

static void
walk_nodes (const RemoraPacket *pkt,
            RemoraItem          item,
            GString            *out,
            guint               depth)
{
  for (; item != 0; item = remora_packet_get_node (pkt, item)->next_sibling)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, item);

      /* The tree is built by the engine, so a cycle or an absurd depth is
       * an engine bug worth stopping on rather than a stack overflow later. */
      if (depth > 10000)
        abort ();
      g_string_truncate (out, 0);
      remora_node_format_label (pkt, item, out);
      if (node->source >= pkt->n_sources)
        abort ();
      if (node->first_child != 0)
        walk_nodes (pkt, node->first_child, out, depth + 1);
    }
}

gsize
fuzz_walk_packet (const RemoraPacket *pkt)
{
  static GString *out;
  char buf[128];
  const RemoraAddress *addrs[] = {
    &pkt->dl_src, &pkt->dl_dst, &pkt->net_src, &pkt->net_dst, &pkt->src, &pkt->dst,
  };
  gsize total = 0;

  if (out == NULL)
    out = g_string_sized_new (256);
  if (pkt->tree_mode)
    walk_nodes (pkt, remora_packet_get_first_root (pkt), out, 0);
  total += out->len;
  for (guint i = 0; i < G_N_ELEMENTS (addrs); i++)
    total += strlen (remora_address_to_str (addrs[i], buf, sizeof buf));
  if (pkt->col_info != NULL)
    total += strlen (pkt->col_info->str);
  if (pkt->col_protocol != NULL)
    total += strlen (pkt->col_protocol);
  return total;
}

int
fuzz_fd_from_bytes (const uint8_t *data,
                    size_t         size,
                    gboolean       as_pipe)
{
  int fds[2];
  size_t done = 0;

  if (as_pipe)
    {
      if (pipe2 (fds, O_CLOEXEC) < 0)
        abort ();
      /* 1 MiB is the default ceiling for an unprivileged pipe. */
      if (fcntl (fds[1], F_SETPIPE_SZ, 1 << 20) < 0 || size > (1u << 20))
        {
          close (fds[0]);
          close (fds[1]);
          return -1;
        }
    }
  else
    {
      fds[0] = memfd_create ("fuzz-input", MFD_CLOEXEC);
      if (fds[0] < 0)
        abort ();
      fds[1] = fds[0];
    }

  while (done < size)
    {
      ssize_t n = write (fds[1], data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        abort ();
      done += (size_t) n;
    }

  if (as_pipe)
    close (fds[1]);
  else if (lseek (fds[0], 0, SEEK_SET) < 0)
    abort ();
  return fds[0];
}
