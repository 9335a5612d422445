/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-session"

#include "config.h"

#include "remora-dissect.h"

#include <setjmp.h>

#include "remora-packet-private.h"

typedef struct {
  gpointer       data;
  GDestroyNotify destroy;
} ProtoData;

struct _RemoraSession {
  guint32     last_number;     /* highest frame number dissected so far */
  gboolean    have_first;
  gint64      first_ts_ns;
  gint64      prev_cap_ts_ns;
  gint64      prev_dis_ts_ns;
  gboolean    have_displayed;
  gboolean    will_revisit;
  RemoraFrameSourceFunc frame_source;
  gpointer    frame_source_data;
  GArray     *proto_data;      /* ProtoData, indexed by proto id: looked up per packet, so no hashing */
  RemoraDissector *frame;
};

static void
proto_data_clear (gpointer p)
{
  ProtoData *pd = p;

  if (pd->destroy && pd->data)
    pd->destroy (pd->data);
  pd->data = NULL;
  pd->destroy = NULL;
}

RemoraSession *
remora_session_new (void)
{
  RemoraSession *session = g_new0 (RemoraSession, 1);

  remora_dissectors_init ();
  session->will_revisit = TRUE;
  session->proto_data = g_array_sized_new (FALSE, TRUE, sizeof (ProtoData), remora_field_count ());
  g_array_set_clear_func (session->proto_data, proto_data_clear);
  session->frame = remora_dissector_find ("frame");
  g_assert (session->frame != NULL);
  return session;
}

void
remora_session_free (RemoraSession *session)
{
  if (session == NULL)
    return;
  g_array_unref (session->proto_data);
  g_free (session);
}

void
remora_session_set_will_revisit (RemoraSession *session,
                                 gboolean       will_revisit)
{
  session->will_revisit = !!will_revisit;
}

gboolean
remora_session_get_will_revisit (RemoraSession *session)
{
  return session->will_revisit;
}

void
remora_session_set_frame_source (RemoraSession         *session,
                                 RemoraFrameSourceFunc  func,
                                 gpointer               user_data)
{
  session->frame_source = func;
  session->frame_source_data = user_data;
}

gboolean
remora_session_has_frame_source (RemoraSession *session)
{
  return session->frame_source != NULL && session->will_revisit;
}

const guint8 *
remora_session_get_frame_data (RemoraSession *session,
                               guint32        number,
                               guint32       *len)
{
  *len = 0;
  if (session->frame_source == NULL)
    return NULL;
  return session->frame_source (session->frame_source_data, number, len);
}

gpointer
remora_session_get_proto_data (RemoraSession *session,
                               int            proto)
{
  if (proto < 0 || (guint) proto >= session->proto_data->len)
    return NULL;
  return g_array_index (session->proto_data, ProtoData, proto).data;
}

void
remora_session_set_proto_data (RemoraSession  *session,
                               int             proto,
                               gpointer        data,
                               GDestroyNotify  destroy)
{
  ProtoData *pd;

  g_return_if_fail (proto >= 0);
  if ((guint) proto >= session->proto_data->len)
    g_array_set_size (session->proto_data, (guint) proto + 1);
  pd = &g_array_index (session->proto_data, ProtoData, proto);
  if (pd->data != data)
    proto_data_clear (pd);
  pd->data = data;
  pd->destroy = destroy;
}

/* Capture files can hold any 64-bit timestamp, so a difference of two
 * may not fit: clamp it (symmetrically, keeping clear of G_MININT64)
 * rather than overflow. */
static gint64
time_diff_ns (gint64 a,
              gint64 b)
{
  gint64 d;

  if (__builtin_sub_overflow (a, b, &d))
    return a < b ? -G_MAXINT64 : G_MAXINT64;
  return d == G_MININT64 ? -G_MAXINT64 : d;
}

void
remora_session_dissect (RemoraSession          *session,
                        RemoraPacket           *pkt,
                        const RemoraFrameInput *frame)
{
  jmp_buf env;
  RemoraTvb tvb;

  remora_packet_reset (pkt);
  pkt->session = session;
  pkt->frame = frame;
  pkt->visited = frame->number <= session->last_number;

  if (!session->have_first)
    {
      session->have_first = TRUE;
      session->first_ts_ns = frame->ts_ns;
      session->prev_cap_ts_ns = frame->ts_ns;
      session->prev_dis_ts_ns = frame->ts_ns;
    }
  pkt->rel_ns = time_diff_ns (frame->ts_ns, session->first_ts_ns);
  if (pkt->visited && frame->has_prev_times)
    {
      pkt->delta_ns = time_diff_ns (frame->ts_ns, frame->prev_cap_ts_ns);
      pkt->delta_displayed_ns = time_diff_ns (frame->ts_ns, frame->prev_dis_ts_ns);
    }
  else
    {
      pkt->delta_ns = time_diff_ns (frame->ts_ns, session->prev_cap_ts_ns);
      pkt->delta_displayed_ns = session->have_displayed ? time_diff_ns (frame->ts_ns, session->prev_dis_ts_ns) : 0;
    }

  remora_packet_add_source (pkt, NULL, frame->data, frame->cap_len, &tvb);
  /* A record claiming fewer bytes on the wire than it holds is damage in
   * the file; take what is there rather than hide bytes. */
  tvb.reported = MAX (frame->orig_len, frame->cap_len);

  /* Last-resort guard: the frame dissector guards the link layer itself,
   * so this only catches a fault in the frame dissector's own fields. */
  pkt->jmp = &env;
  if (setjmp (env) == 0)
    remora_call_dissector (session->frame, &tvb, pkt, 0, NULL);
  pkt->jmp = NULL;

  if (!pkt->visited)
    {
      session->last_number = frame->number;
      session->prev_cap_ts_ns = frame->ts_ns;
    }
}

void
remora_session_mark_displayed (RemoraSession      *session,
                               const RemoraPacket *pkt)
{
  if (pkt->frame == NULL || pkt->visited)
    return;
  session->have_displayed = TRUE;
  session->prev_dis_ts_ns = pkt->frame->ts_ns;
}
