/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-http"

#include "config.h"

#include "remora-dissectors.h"

#include <string.h>
#include <zlib.h>

#include "remora-chunk-array.h"
#include "remora-frame-log.h"
#include "remora-record-index.h"

/* HTTP/1.x (RFC 9112) over TCP, and the same parser over UDP as SSDP.
 *
 * A stream is cut into messages: the start line and header lines up to the
 * blank line, then a body framed by Content-Length, by the chunked transfer
 * coding, or (responses only) by the end of the connection.  When a message
 * is not all there and TCP can collect more, the parser says how much is
 * missing (pkt->desegment_*) and TCP calls again over the whole message.
 *
 * Requests and responses are paired per stream the way Wireshark 4.0 pairs
 * them: a request opens a transaction; a response joins the newest one
 * unless that one already has a final response.  The numbers, links and
 * URIs the first pass computed are kept per message for later revisits. */

static int proto_http, proto_ssdp;

static int hf_notification, hf_response, hf_request, hf_response_number, hf_request_number;
static int hf_authbasic, hf_response_line, hf_request_line;
static int hf_method, hf_uri, hf_uri_path, hf_uri_query, hf_uri_query_param, hf_req_version;
static int hf_res_version, hf_full_uri, hf_code, hf_code_desc, hf_response_for_uri, hf_phrase;
static int hf_authorization, hf_proxy_authenticate, hf_proxy_authorization, hf_www_authenticate;
static int hf_content_type, hf_content_length_header, hf_content_length, hf_content_encoding;
static int hf_transfer_encoding, hf_upgrade, hf_user_agent, hf_host, hf_connection, hf_cookie;
static int hf_cookie_pair, hf_accept, hf_referer, hf_accept_language, hf_accept_encoding, hf_date;
static int hf_cache_control, hf_server, hf_location, hf_ws_accept, hf_ws_extensions, hf_ws_key;
static int hf_ws_protocol, hf_ws_version, hf_set_cookie, hf_last_modified, hf_x_forwarded_for;
static int hf_http2_settings, hf_request_in, hf_response_in, hf_next_request_in, hf_next_response_in;
static int hf_prev_request_in, hf_prev_response_in, hf_time, hf_trailer_part, hf_chunk_boundary;
static int hf_chunk_size, hf_chunk_data, hf_file_data, hf_unknown_header, hf_chat;

static gboolean pref_desegment_headers = TRUE;
static gboolean pref_desegment_body = TRUE;
static gboolean pref_dechunk_body = TRUE;
static gboolean pref_decompress_body = TRUE;

static RemoraDissector *http_handle, *text_lines_handle, *media_handle;
static int hf_data_data = -1, hf_data_len = -1, hf_media_type = -1;

static const RemoraUnitString units_octets = { " octet", " octets" };

static RemoraFieldDef http_fields[] = {
  { &hf_notification, { "Notification", "http.notification", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, "TRUE if HTTP notification" } },
  { &hf_response, { "Response", "http.response", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, "TRUE if HTTP response" } },
  { &hf_request, { "Request", "http.request", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, "TRUE if HTTP request" } },
  { &hf_response_number, { "Response number", "http.response_number", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_request_number, { "Request number", "http.request_number", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_authbasic, { "Credentials", "http.authbasic", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_response_line, { "Response line", "http.response.line", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_request_line, { "Request line", "http.request.line", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_method, { "Request Method", "http.request.method", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Request Method" } },
  { &hf_uri, { "Request URI", "http.request.uri", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Request-URI" } },
  { &hf_uri_path, { "Request URI Path", "http.request.uri.path", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Request-URI Path" } },
  { &hf_uri_query, { "Request URI Query", "http.request.uri.query", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Request-URI Query" } },
  { &hf_uri_query_param, { "Request URI Query Parameter", "http.request.uri.query.parameter", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Request-URI Query Parameter" } },
  { &hf_req_version, { "Request Version", "http.request.version", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Request HTTP-Version" } },
  { &hf_res_version, { "Response Version", "http.response.version", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Response HTTP-Version" } },
  { &hf_full_uri, { "Full request URI", "http.request.full_uri", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "The full requested URI (including host name)" } },
  { &hf_code, { "Status Code", "http.response.code", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "HTTP Response Status Code" } },
  { &hf_code_desc, { "Status Code Description", "http.response.code.desc", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Response Status Code Description" } },
  { &hf_response_for_uri, { "Request URI", "http.response_for.uri", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Response For-URI" } },
  { &hf_phrase, { "Response Phrase", "http.response.phrase", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Response Reason Phrase" } },
  { &hf_authorization, { "Authorization", "http.authorization", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Authorization header" } },
  { &hf_proxy_authenticate, { "Proxy-Authenticate", "http.proxy_authenticate", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Proxy-Authenticate header" } },
  { &hf_proxy_authorization, { "Proxy-Authorization", "http.proxy_authorization", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Proxy-Authorization header" } },
  { &hf_www_authenticate, { "WWW-Authenticate", "http.www_authenticate", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP WWW-Authenticate header" } },
  { &hf_content_type, { "Content-Type", "http.content_type", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Content-Type header" } },
  { &hf_content_length_header, { "Content-Length", "http.content_length_header", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Content-Length header" } },
  { &hf_content_length, { "Content length", "http.content_length", REMORA_FT_UINT64, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_content_encoding, { "Content-Encoding", "http.content_encoding", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Content-Encoding header" } },
  { &hf_transfer_encoding, { "Transfer-Encoding", "http.transfer_encoding", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Transfer-Encoding header" } },
  { &hf_upgrade, { "Upgrade", "http.upgrade", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Upgrade header" } },
  { &hf_user_agent, { "User-Agent", "http.user_agent", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP User-Agent header" } },
  { &hf_host, { "Host", "http.host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Host" } },
  { &hf_connection, { "Connection", "http.connection", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Connection" } },
  { &hf_cookie, { "Cookie", "http.cookie", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Cookie" } },
  { &hf_cookie_pair, { "Cookie pair", "http.cookie_pair", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "A name/value HTTP cookie pair" } },
  { &hf_accept, { "Accept", "http.accept", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Accept" } },
  { &hf_referer, { "Referer", "http.referer", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Referer" } },
  { &hf_accept_language, { "Accept-Language", "http.accept_language", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Accept Language" } },
  { &hf_accept_encoding, { "Accept Encoding", "http.accept_encoding", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Accept Encoding" } },
  { &hf_date, { "Date", "http.date", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Date" } },
  { &hf_cache_control, { "Cache-Control", "http.cache_control", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Cache Control" } },
  { &hf_server, { "Server", "http.server", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Server" } },
  { &hf_location, { "Location", "http.location", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Location" } },
  { &hf_ws_accept, { "Sec-WebSocket-Accept", "http.sec_websocket_accept", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ws_extensions, { "Sec-WebSocket-Extensions", "http.sec_websocket_extensions", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ws_key, { "Sec-WebSocket-Key", "http.sec_websocket_key", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ws_protocol, { "Sec-WebSocket-Protocol", "http.sec_websocket_protocol", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ws_version, { "Sec-WebSocket-Version", "http.sec_websocket_version", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_set_cookie, { "Set-Cookie", "http.set_cookie", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Set Cookie" } },
  { &hf_last_modified, { "Last-Modified", "http.last_modified", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP Last Modified" } },
  { &hf_x_forwarded_for, { "X-Forwarded-For", "http.x_forwarded_for", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "HTTP X-Forwarded-For" } },
  { &hf_http2_settings, { "HTTP2-Settings", "http.http2_settings", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_request_in, { "Request in frame", "http.request_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "This packet is a response to the packet with this number" } },
  { &hf_response_in, { "Response in frame", "http.response_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "This packet will be responded in the packet with this number" } },
  { &hf_next_request_in, { "Next request in frame", "http.next_request_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "The next HTTP request starts in packet number" } },
  { &hf_next_response_in, { "Next response in frame", "http.next_response_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "The next HTTP response starts in packet number" } },
  { &hf_prev_request_in, { "Prev request in frame", "http.prev_request_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "The previous HTTP request starts in packet number" } },
  { &hf_prev_response_in, { "Prev response in frame", "http.prev_response_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "The previous HTTP response starts in packet number" } },
  { &hf_time, { "Time since request", "http.time", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, "Time since the request was sent" } },
  { &hf_trailer_part, { "trailer-part", "http.chunked_trailer_part", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Optional trailer in a chunked body" } },
  { &hf_chunk_boundary, { "Chunk boundary", "http.chunk_boundary", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_chunk_size, { "Chunk size", "http.chunk_size", REMORA_FT_UINT32, REMORA_BASE_DEC | REMORA_BASE_UNIT_STRING, &units_octets, 0, NULL } },
  { &hf_chunk_data, { "Chunk data", "http.chunk_data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_file_data, { "File Data", "http.file_data", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_unknown_header, { "Unknown header", "http.unknown_header", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_chat, { "Formatted text", "http.chat", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static const RemoraValueString status_code_vals[] = {
  { 100, "Continue" }, { 101, "Switching Protocols" }, { 102, "Processing" }, { 103, "Early Hints" },
  { 199, "Informational - Others" },
  { 200, "OK" }, { 201, "Created" }, { 202, "Accepted" }, { 203, "Non-authoritative Information" },
  { 204, "No Content" }, { 205, "Reset Content" }, { 206, "Partial Content" }, { 207, "Multi-Status" },
  { 208, "Already Reported" }, { 226, "IM Used" }, { 299, "Success - Others" },
  { 300, "Multiple Choices" }, { 301, "Moved Permanently" }, { 302, "Found" }, { 303, "See Other" },
  { 304, "Not Modified" }, { 305, "Use Proxy" }, { 307, "Temporary Redirect" }, { 308, "Permanent Redirect" },
  { 399, "Redirection - Others" },
  { 400, "Bad Request" }, { 401, "Unauthorized" }, { 402, "Payment Required" }, { 403, "Forbidden" },
  { 404, "Not Found" }, { 405, "Method Not Allowed" }, { 406, "Not Acceptable" },
  { 407, "Proxy Authentication Required" }, { 408, "Request Time-out" }, { 409, "Conflict" },
  { 410, "Gone" }, { 411, "Length Required" }, { 412, "Precondition Failed" },
  { 413, "Request Entity Too Large" }, { 414, "Request-URI Too Long" }, { 415, "Unsupported Media Type" },
  { 416, "Requested Range Not Satisfiable" }, { 417, "Expectation Failed" }, { 418, "I'm a teapot" },
  { 421, "Misdirected Request" }, { 422, "Unprocessable Entity" }, { 423, "Locked" },
  { 424, "Failed Dependency" }, { 425, "Too Early" }, { 426, "Upgrade Required" },
  { 428, "Precondition Required" }, { 429, "Too Many Requests" }, { 431, "Request Header Fields Too Large" },
  { 451, "Unavailable For Legal Reasons" }, { 499, "Client Error - Others" },
  { 500, "Internal Server Error" }, { 501, "Not Implemented" }, { 502, "Bad Gateway" },
  { 503, "Service Unavailable" }, { 504, "Gateway Time-out" }, { 505, "HTTP Version not supported" },
  { 506, "Variant Also Negotiates" }, { 507, "Insufficient Storage" }, { 508, "Loop Detected" },
  { 510, "Not Extended" }, { 511, "Network Authentication Required" }, { 599, "Server Error - Others" },
  { 0, NULL }
};

typedef enum {
  MSG_OTHER,
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_NOTIFICATION,
} MsgType;

/* Methods Wireshark 4.0 recognizes at the start of a request line.  The
 * notification kind is how GENA (UPnP eventing) requests are classed. */
static const struct {
  const char *name;
  MsgType     type;
} methods[] = {
  { "GET", MSG_REQUEST }, { "PUT", MSG_REQUEST }, { "COPY", MSG_REQUEST }, { "HEAD", MSG_REQUEST },
  { "LOCK", MSG_REQUEST }, { "MOVE", MSG_REQUEST }, { "POLL", MSG_REQUEST }, { "POST", MSG_REQUEST },
  { "BCOPY", MSG_REQUEST }, { "BMOVE", MSG_REQUEST }, { "MKCOL", MSG_REQUEST }, { "TRACE", MSG_REQUEST },
  { "PATCH", MSG_REQUEST }, { "LABEL", MSG_REQUEST }, { "MERGE", MSG_REQUEST }, { "DELETE", MSG_REQUEST },
  { "SEARCH", MSG_REQUEST }, { "UNLOCK", MSG_REQUEST }, { "REPORT", MSG_REQUEST }, { "UPDATE", MSG_REQUEST },
  { "NOTIFY", MSG_NOTIFICATION }, { "BDELETE", MSG_REQUEST }, { "CONNECT", MSG_REQUEST },
  { "OPTIONS", MSG_REQUEST }, { "CHECKIN", MSG_REQUEST }, { "PROPFIND", MSG_REQUEST },
  { "CHECKOUT", MSG_REQUEST }, { "CCM_POST", MSG_REQUEST }, { "SUBSCRIBE", MSG_NOTIFICATION },
  { "BPROPFIND", MSG_REQUEST }, { "PROPPATCH", MSG_REQUEST }, { "BPROPPATCH", MSG_REQUEST },
  { "UNCHECKOUT", MSG_REQUEST }, { "MKACTIVITY", MSG_REQUEST }, { "MKWORKSPACE", MSG_REQUEST },
  { "UNSUBSCRIBE", MSG_NOTIFICATION }, { "RPC_CONNECT", MSG_REQUEST }, { "VERSION-CONTROL", MSG_REQUEST },
  { "BASELINE-CONTROL", MSG_REQUEST }, { "M-SEARCH", MSG_REQUEST }, { "M-POST", MSG_REQUEST },
  { "RPC_IN_DATA", MSG_REQUEST }, { "RPC_OUT_DATA", MSG_REQUEST },
};

typedef enum {
  HDR_PLAIN,
  HDR_CONTENT_TYPE,
  HDR_CONTENT_LENGTH,
  HDR_CONTENT_ENCODING,
  HDR_TRANSFER_ENCODING,
  HDR_HOST,
  HDR_COOKIE,
  HDR_AUTHORIZATION,
} HeaderKind;

static const struct {
  const char *name;
  int        *hf;
  HeaderKind  kind;
} known_headers[] = {
  { "Authorization", &hf_authorization, HDR_AUTHORIZATION },
  { "Proxy-Authenticate", &hf_proxy_authenticate, HDR_PLAIN },
  { "Proxy-Authorization", &hf_proxy_authorization, HDR_AUTHORIZATION },
  { "WWW-Authenticate", &hf_www_authenticate, HDR_PLAIN },
  { "Content-Type", &hf_content_type, HDR_CONTENT_TYPE },
  { "Content-Length", &hf_content_length_header, HDR_CONTENT_LENGTH },
  { "Content-Encoding", &hf_content_encoding, HDR_CONTENT_ENCODING },
  { "Transfer-Encoding", &hf_transfer_encoding, HDR_TRANSFER_ENCODING },
  { "Upgrade", &hf_upgrade, HDR_PLAIN },
  { "User-Agent", &hf_user_agent, HDR_PLAIN },
  { "Host", &hf_host, HDR_HOST },
  { "Connection", &hf_connection, HDR_PLAIN },
  { "Cookie", &hf_cookie, HDR_COOKIE },
  { "Accept", &hf_accept, HDR_PLAIN },
  { "Referer", &hf_referer, HDR_PLAIN },
  { "Accept-Language", &hf_accept_language, HDR_PLAIN },
  { "Accept-Encoding", &hf_accept_encoding, HDR_PLAIN },
  { "Date", &hf_date, HDR_PLAIN },
  { "Cache-Control", &hf_cache_control, HDR_PLAIN },
  { "Server", &hf_server, HDR_PLAIN },
  { "Location", &hf_location, HDR_PLAIN },
  { "Sec-WebSocket-Accept", &hf_ws_accept, HDR_PLAIN },
  { "Sec-WebSocket-Extensions", &hf_ws_extensions, HDR_PLAIN },
  { "Sec-WebSocket-Key", &hf_ws_key, HDR_PLAIN },
  { "Sec-WebSocket-Protocol", &hf_ws_protocol, HDR_PLAIN },
  { "Sec-WebSocket-Version", &hf_ws_version, HDR_PLAIN },
  { "Set-Cookie", &hf_set_cookie, HDR_PLAIN },
  { "Last-Modified", &hf_last_modified, HDR_PLAIN },
  { "X-Forwarded-For", &hf_x_forwarded_for, HDR_PLAIN },
  { "HTTP2-Settings", &hf_http2_settings, HDR_PLAIN },
};

/* Media types Wireshark 4.0 hands to "Line-based text data".  The JSON
 * family is there too: its own dissector is not written yet and a line
 * view is the closest readable form. */
static const char *const text_media_types[] = {
  "text/plain", "text/html", "text/css", "text/richtext", "text/enriched", "text/parameters",
  "text/javascript", "text/vnd.sun.j2me.app-descriptor", "application/x-javascript",
  "application/vnd.poc.refer-to", "application/x-ns-proxy-autoconfig",
  "application/x-rtsp-udp-packetpair", "application/x-tia-p25-issi", "application/x-tia-p25-sndcp",
  "application/json", "application/x-ndjson", "application/jsonrequest",
};

/* Limits that keep hostile input bounded. */
#define MAX_HEADER_BYTES      (1024 * 1024)        /* stop waiting for the blank line past this */
#define MAX_BODY_WAIT         (64u * 1024 * 1024)  /* never ask TCP for a longer body */
#define MAX_INFLATED          (64u * 1024 * 1024)  /* decompressed bodies stop here */
#define MAX_STORED_URI        4096
#define MAX_MESSAGES_PER_CALL 1000

/* ---- per-capture state ---- */

/* Transactions live in one pool for the capture, linked per stream.  A
 * single pass needs only a stream's newest two (for the "prev" links) and
 * recycles the older ones; a revisiting session keeps them all, since a
 * message dissected again shows its neighbours' frames, learnt later. */
typedef struct {
  guint32 req_frame;      /* 0: no request seen */
  guint32 res_frame;      /* 0: no response yet */
  guint32 prev;           /* the stream's previous transaction, or NO_TRANS */
  guint32 next;           /* its next one (or the free list's), or NO_TRANS */
} HttpTrans;

#define NO_TRANS G_MAXUINT32

typedef struct {
  guint64  key;           /* stream << 1 | over UDP */
  gint64   cur_req_ts_ns; /* the newest transaction's request time */
  guint32  count;         /* transactions so far */
  guint32  cur;           /* the newest transaction, or NO_TRANS */
  guint32  last_uri;      /* revisiting: the newest request's full URI (uri_get), 0: none */
  guint16  cur_res_code;  /* the newest transaction's response code, 0: none */
  guint8   last_is_head;
  guint8   seen;          /* an HTTP message was found in this stream */
} HttpConv;

/* URIs of requests, for the responses' "Response for URI" when a
 * revisiting session shows them again: each one once, NUL-terminated, back
 * to back in chunks that never move.  A reference is
 * chunk << URI_SHIFT | offset, + 1. */
#define URI_SHIFT 14
#define URI_CHUNK (1u << URI_SHIFT)

typedef struct {
  RemoraChunkArray  *convs;       /* HttpConv */
  RemoraRecordIndex *conv_index;
  GHashTable        *last_uris;   /* a single pass: conversation + 1 -> its newest request's full URI */
  RemoraChunkArray  *trans;       /* HttpTrans */
  guint32            free_trans;  /* recycled transactions (a single pass), linked by next */
  GPtrArray         *uri_chunks;  /* revisiting sessions only */
  guint32            uri_used;    /* bytes used in the last chunk */
  RemoraRecordIndex *uri_index;   /* the URIs kept, by text */
  /* Revisiting sessions only: what the first pass decided for each
   * message, keyed by its index in the call (255 and later: 255, with the
   * index first).  See write_record (). */
  RemoraFrameLog    *log;
} HttpState;

static guint
conv_hash (guint64 key)
{
  return remora_record_hash_mix (key);
}

static guint
conv_rehash (gpointer user_data,
             guint32  index)
{
  HttpState *s = user_data;

  return conv_hash (((const HttpConv *) remora_chunk_array_get (s->convs, index))->key);
}

static gboolean
conv_match (gpointer      user_data,
            guint32       index,
            gconstpointer key)
{
  HttpState *s = user_data;

  return ((const HttpConv *) remora_chunk_array_get (s->convs, index))->key == *(const guint64 *) key;
}

static void
state_free (gpointer p)
{
  HttpState *s = p;

  remora_record_index_free (s->conv_index);
  if (s->last_uris != NULL)
    g_hash_table_unref (s->last_uris);
  remora_chunk_array_free (s->convs);
  remora_chunk_array_free (s->trans);
  if (s->uri_chunks != NULL)
    g_ptr_array_unref (s->uri_chunks);
  remora_record_index_free (s->uri_index);
  remora_frame_log_free (s->log);
  g_free (s);
}

static HttpState *
get_state (RemoraPacket *pkt)
{
  HttpState *s = remora_session_get_proto_data (pkt->session, proto_http);

  if (s == NULL)
    {
      s = g_new0 (HttpState, 1);
      s->convs = remora_chunk_array_new (sizeof (HttpConv));
      s->conv_index = remora_record_index_new (conv_rehash, s);
      s->trans = remora_chunk_array_new (sizeof (HttpTrans));
      s->free_trans = NO_TRANS;
      remora_session_set_proto_data (pkt->session, proto_http, s, state_free);
    }
  return s;
}

/* The stream's state; created on the first pass only.  *NUMBER (when not
 * NULL) gets its number. */
static HttpConv *
get_conv (RemoraPacket *pkt,
          gboolean      create,
          guint32      *number)
{
  HttpState *s;
  HttpConv *c;
  guint64 key;
  guint32 *slot, index;

  if (pkt->session == NULL || pkt->in_error_pkt > 0 || (pkt->ptype != REMORA_PT_TCP && pkt->ptype != REMORA_PT_UDP))
    return NULL;
  s = get_state (pkt);
  key = (guint64) pkt->stream_index << 1 | (pkt->ptype == REMORA_PT_UDP);
  slot = remora_record_index_lookup (s->conv_index, conv_hash (key), conv_match, &key);
  if (slot != NULL)
    {
      if (number != NULL)
        *number = *slot;
      return remora_chunk_array_get (s->convs, *slot);
    }
  if (!create || pkt->visited)
    return NULL;
  index = remora_chunk_array_append (s->convs, (gpointer *) &c);
  c->key = key;
  c->cur = NO_TRANS;
  remora_record_index_insert (s->conv_index, conv_hash (key), index);
  if (number != NULL)
    *number = index;
  return c;
}

static HttpTrans *
trans_get (HttpState *s,
           guint32    index)
{
  return index != NO_TRANS ? remora_chunk_array_get (s->trans, index) : NULL;
}

/* A new newest transaction for C. */
static HttpTrans *
conv_push (HttpState *s,
           HttpConv  *c,
           gboolean   keep_all)
{
  HttpTrans *t, *prev = trans_get (s, c->cur);
  guint32 index;

  if (s->free_trans != NO_TRANS)
    {
      index = s->free_trans;
      t = trans_get (s, index);
      s->free_trans = t->next;
    }
  else
    index = remora_chunk_array_append (s->trans, (gpointer *) &t);
  t->req_frame = 0;
  t->res_frame = 0;
  t->prev = c->cur;
  t->next = NO_TRANS;
  if (prev != NULL)
    {
      prev->next = index;
      /* A single pass needs only the newest two (for the "prev" links). */
      if (!keep_all && prev->prev != NO_TRANS)
        {
          trans_get (s, prev->prev)->next = s->free_trans;
          s->free_trans = prev->prev;
          prev->prev = NO_TRANS;
        }
    }
  c->cur = index;
  c->count++;
  c->cur_res_code = 0;
  return t;
}

static const char *
uri_get (HttpState *s,
         guint32    ref)
{
  guint32 chunk = (ref - 1) >> URI_SHIFT;

  if (ref == 0 || s->uri_chunks == NULL || chunk >= s->uri_chunks->len)
    return NULL;
  return (const char *) g_ptr_array_index (s->uri_chunks, chunk) + ((ref - 1) & (URI_CHUNK - 1));
}

static guint
uri_hash (const char *uri)
{
  guint64 h = 14695981039346656037u;

  for (; *uri; uri++)
    h = (h ^ (guint8) *uri) * 1099511628211u;
  return remora_record_hash_mix (h);
}

static guint
uri_rehash (gpointer user_data,
            guint32  ref)
{
  return uri_hash (uri_get (user_data, ref));
}

static gboolean
uri_match (gpointer      user_data,
           guint32       ref,
           gconstpointer key)
{
  return strcmp (uri_get (user_data, ref), key) == 0;
}

/* Keeps URI (revisiting sessions); returns its reference, 0 for NULL. */
static guint32
uri_put (HttpState  *s,
         const char *uri)
{
  guint hash;
  guint32 *slot, ref;
  gsize len;
  guint8 *chunk;

  if (uri == NULL)
    return 0;
  if (s->uri_index == NULL)
    {
      s->uri_chunks = g_ptr_array_new_with_free_func (g_free);
      s->uri_index = remora_record_index_new (uri_rehash, s);
    }
  hash = uri_hash (uri);
  slot = remora_record_index_lookup (s->uri_index, hash, uri_match, uri);
  if (slot != NULL)
    return *slot;
  len = strlen (uri) + 1;
  if (s->uri_chunks->len == 0 || s->uri_used + len > URI_CHUNK)
    {
      /* a longer URI has a chunk of its own */
      g_ptr_array_add (s->uri_chunks, g_malloc (MAX (len, URI_CHUNK)));
      s->uri_used = 0;
    }
  chunk = g_ptr_array_index (s->uri_chunks, s->uri_chunks->len - 1);
  memcpy (chunk + s->uri_used, uri, len);
  ref = ((s->uri_chunks->len - 1) << URI_SHIFT | s->uri_used) + 1;
  s->uri_used += (guint32) len;
  remora_record_index_insert (s->uri_index, hash, ref);
  return ref;
}

/* What the first pass decided for one message, for revisits. */
typedef struct {
  guint32     trans;
  guint32     number;
  gboolean    head;          /* body rules of a response to HEAD applied */
  const char *for_uri;       /* responses */
  gboolean    has_time;      /* responses whose transaction has a request */
  gint64      time_ns;
} HttpMsgRecord;

/* A record:
 *
 *   [varint message index, when 255 or more]
 *   varint transaction
 *   varint number << 1 | head
 *   responses: varint URI reference, and (when the transaction has a
 *   request) zigzag time since the request */
static void
write_record (HttpState           *s,
              RemoraPacket        *pkt,
              guint                msg_index,
              gboolean             response,
              const HttpMsgRecord *rec,
              guint32              for_uri)
{
  RemoraPackWriter w;

  remora_pack_init (&w);
  if (msg_index >= 255)
    remora_pack_u32 (&w, msg_index);
  remora_pack_u32 (&w, rec->trans);
  remora_pack_u32 (&w, rec->number << 1 | (rec->head ? 1 : 0));
  if (response)
    {
      remora_pack_u32 (&w, for_uri);
      if (rec->has_time)
        remora_pack_s64 (&w, rec->time_ns);
    }
  if (s->log == NULL)
    s->log = remora_frame_log_new ();
  remora_frame_log_append (s->log, pkt->frame->number, (guint8) MIN (msg_index, 255u), w.buf, w.len);
}

typedef struct {
  guint         msg_index;
  RemoraPackReader r;
  gboolean      found;
} FindRecord;

static gboolean
find_record_cb (const guint8 *data,
                gsize         len,
                gpointer      user_data)
{
  FindRecord *f = user_data;
  RemoraPackReader r;

  remora_unpack_init (&r, data, len);
  if (f->msg_index >= 255 && remora_unpack_u32 (&r) != f->msg_index)
    return TRUE;
  /* the last one wins, as for a message index seen twice in a frame */
  f->r = r;
  f->found = TRUE;
  return TRUE;
}

static gboolean
read_record (HttpState     *s,
             RemoraPacket  *pkt,
             guint          msg_index,
             gboolean       response,
             HttpMsgRecord *rec)
{
  FindRecord f = { msg_index, { NULL, NULL, TRUE }, FALSE };
  guint32 v;

  memset (rec, 0, sizeof *rec);
  if (s->log == NULL)
    return FALSE;
  remora_frame_log_foreach (s->log, pkt->frame->number, (guint8) MIN (msg_index, 255u), find_record_cb, &f);
  if (!f.found)
    return FALSE;
  rec->trans = remora_unpack_u32 (&f.r);
  v = remora_unpack_u32 (&f.r);
  rec->number = v >> 1;
  rec->head = v & 1;
  if (response)
    {
      rec->for_uri = uri_get (s, remora_unpack_u32 (&f.r));
      rec->time_ns = remora_unpack_s64 (&f.r);
      rec->has_time = !f.r.bad;
      f.r.bad = FALSE;
    }
  return !f.r.bad && rec->trans < remora_chunk_array_length (s->trans);
}

/* ---- text helpers ---- */

/* The line as the tree shows it: CR, LF and tabs as escapes, other
 * control bytes as \xNN, invalid UTF-8 as U+FFFD. */
static void
append_escaped (GString      *out,
                const guint8 *p,
                guint32       len)
{
  gboolean utf8 = g_utf8_validate ((const char *) p, len, NULL);

  for (guint32 i = 0; i < len; i++)
    {
      guint8 c = p[i];

      if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && !utf8)
        g_string_append (out, "\xef\xbf\xbd");
      else
        g_string_append_c (out, (char) c);
    }
}

static char *
escaped_copy (RemoraPacket *pkt,
              const guint8 *p,
              guint32       len)
{
  g_autoptr(GString) s = g_string_sized_new (len + 8);

  append_escaped (s, p, len);
  return remora_packet_strndup (pkt, s->str, s->len);
}

static gboolean
span_equal_ci (const guint8 *p,
               guint32       len,
               const char   *str)
{
  gsize n = strlen (str);

  return len == n && g_ascii_strncasecmp ((const char *) p, str, n) == 0;
}

/* Classifies a start line: a known method followed by a space, or a
 * status line ("HTTP/" then a version). */
static MsgType
classify_line (const guint8 *p,
               guint32       len,
               guint32      *method_len)
{
  *method_len = 0;
  if (len >= 5 && memcmp (p, "HTTP/", 5) == 0)
    return MSG_RESPONSE;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      gsize n = strlen (methods[i].name);

      if (len > n && p[n] == ' ' && memcmp (p, methods[i].name, n) == 0)
        {
          *method_len = (guint32) n;
          return methods[i].type;
        }
    }
  return MSG_OTHER;
}

/* Could these bytes (no line end yet) grow into a start line? */
static gboolean
could_start_message (const guint8 *p,
                     guint32       len)
{
  if (len == 0)
    return FALSE;
  if (memcmp (p, "HTTP/", MIN (len, 5)) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      gsize n = strlen (methods[i].name);

      if (len <= n ? memcmp (p, methods[i].name, len) == 0
                   : (memcmp (p, methods[i].name, n) == 0 && p[n] == ' '))
        return TRUE;
    }
  return FALSE;
}

/* ---- message framing ---- */

typedef struct {
  MsgType   type;
  guint32   first_len;        /* start line without its end */
  guint32   first_next;       /* offset after the start line */
  guint32   method_len;
  gboolean  headers_complete;
  guint32   header_end;       /* offset after the blank line (or the scanned end) */
  gboolean  have_length;
  gboolean  length_bad;
  guint64   content_length;
  gboolean  chunked;
  gboolean  other_coding;     /* a transfer coding other than chunked */
  guint16   code;
  char      media_type[96];   /* lower case, parameters dropped; "" when absent */
  gboolean  have_media_type;
  char      encoding[32];     /* Content-Encoding, lower case */
} MsgInfo;

static const guint8 *
header_value (const guint8 *line,
              guint32       len,
              guint32       colon,
              guint32      *value_len)
{
  guint32 v = colon + 1;

  while (v < len && (line[v] == ' ' || line[v] == '\t'))
    v++;
  *value_len = len - v;
  return line + v;
}

static gboolean
parse_decimal (const guint8 *p,
               guint32       len,
               guint64      *out)
{
  guint64 v = 0;
  guint32 i = 0;

  while (i < len && (p[i] == ' ' || p[i] == '\t'))
    i++;
  if (i == len || !g_ascii_isdigit (p[i]))
    return FALSE;
  for (; i < len && g_ascii_isdigit (p[i]); i++)
    {
      if (v > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (guint64) (p[i] - '0');
    }
  while (i < len && (p[i] == ' ' || p[i] == '\t'))
    i++;
  if (i != len)
    return FALSE;
  *out = v;
  return TRUE;
}

static void
copy_token_lower (char         *dest,
                  gsize         size,
                  const guint8 *p,
                  guint32       len)
{
  gsize n = 0;

  for (guint32 i = 0; i < len && n + 1 < size; i++)
    {
      if (p[i] == ';' || p[i] == ',' || p[i] == ' ' || p[i] == '\t')
        break;
      dest[n++] = g_ascii_tolower ((char) p[i]);
    }
  dest[n] = '\0';
}

/* Reads the start line and the header lines from OFFSET; records what the
 * framing needs.  Never throws: it only looks at captured bytes. */
static void
scan_headers (const RemoraTvb *tvb,
              guint32          offset,
              MsgInfo         *mi)
{
  guint32 next, line_off;
  gint len;

  memset (mi, 0, sizeof *mi);
  len = remora_tvb_find_line_end (tvb, offset, &next);
  if (len < 0)
    return;
  mi->first_len = (guint32) len;
  mi->first_next = next;
  mi->type = classify_line (tvb->data + offset, (guint32) len, &mi->method_len);
  if (mi->type == MSG_RESPONSE)
    {
      const guint8 *p = tvb->data + offset;
      guint32 sp = 0;

      while (sp < (guint32) len && p[sp] != ' ')
        sp++;
      while (sp < (guint32) len && p[sp] == ' ')
        sp++;
      for (guint32 i = 0; i < 3 && sp + i < (guint32) len && g_ascii_isdigit (p[sp + i]); i++)
        mi->code = (guint16) (mi->code * 10 + (p[sp + i] - '0'));
    }
  if (mi->type == MSG_OTHER)
    return;

  line_off = next;
  for (;;)
    {
      const guint8 *line;
      const guint8 *colon;

      len = remora_tvb_find_line_end (tvb, line_off, &next);
      if (len < 0)
        {
          mi->header_end = tvb->captured;
          return;
        }
      line = tvb->data + line_off;
      line_off = next;
      if (len == 0)
        break;
      colon = memchr (line, ':', (guint32) len);
      if (colon != NULL)
        {
          guint32 name_len = (guint32) (colon - line), vlen;
          const guint8 *v = header_value (line, (guint32) len, name_len, &vlen);

          if (span_equal_ci (line, name_len, "Content-Length"))
            {
              mi->have_length = parse_decimal (v, vlen, &mi->content_length);
              mi->length_bad = !mi->have_length;
            }
          else if (span_equal_ci (line, name_len, "Transfer-Encoding"))
            {
              char te[32];

              copy_token_lower (te, sizeof te, v, vlen);
              if (strcmp (te, "chunked") == 0)
                mi->chunked = TRUE;
              else if (te[0] != '\0' && strcmp (te, "identity") != 0)
                mi->other_coding = TRUE;
            }
          else if (span_equal_ci (line, name_len, "Content-Type"))
            {
              copy_token_lower (mi->media_type, sizeof mi->media_type, v, vlen);
              mi->have_media_type = TRUE;
            }
          else if (span_equal_ci (line, name_len, "Content-Encoding"))
            copy_token_lower (mi->encoding, sizeof mi->encoding, v, vlen);
        }
    }
  mi->headers_complete = TRUE;
  mi->header_end = line_off;
}

/* Parses a chunk-size line's hex number; FALSE for none or too big. */
static gboolean
parse_chunk_size (const guint8 *p,
                  guint32       len,
                  guint32      *size)
{
  guint64 v = 0;
  guint32 i = 0;

  while (i < len && (p[i] == ' ' || p[i] == '\t'))
    i++;
  if (i == len || !g_ascii_isxdigit (p[i]))
    return FALSE;
  for (; i < len && g_ascii_isxdigit (p[i]); i++)
    {
      v = v << 4 | (guint64) g_ascii_xdigit_value (p[i]);
      if (v > G_MAXINT32)
        return FALSE;
    }
  *size = (guint32) v;
  return TRUE;
}

typedef struct {
  gboolean complete;
  gboolean bad;           /* a chunk-size line that is not a number */
  guint32  encoded_len;   /* bytes of the chunked body walked */
  guint32  data_len;      /* sum of chunk data walked */
} ChunkScan;

/* Walks the chunked body at OFFSET over the captured bytes. */
static void
scan_chunks (const RemoraTvb *tvb,
             guint32          offset,
             ChunkScan       *cs)
{
  guint32 off = offset, next, size;
  gint len;

  memset (cs, 0, sizeof *cs);
  for (;;)
    {
      len = remora_tvb_find_line_end (tvb, off, &next);
      if (len < 0)
        return;
      if (!parse_chunk_size (tvb->data + off, (guint32) len, &size))
        {
          cs->bad = TRUE;
          return;
        }
      if (size == 0)
        {
          off = next;
          /* trailer fields up to the blank line */
          for (;;)
            {
              len = remora_tvb_find_line_end (tvb, off, &next);
              if (len < 0)
                {
                  cs->encoded_len = off - offset;
                  return;
                }
              off = next;
              if (len == 0)
                break;
            }
          cs->complete = TRUE;
          cs->encoded_len = off - offset;
          return;
        }
      if ((guint64) next + size + 2 > tvb->captured)
        {
          cs->encoded_len = off - offset;
          return;
        }
      cs->data_len += size;
      off = next + size;
      /* the chunk's CRLF (a bare LF is accepted) */
      if (tvb->data[off] == '\r' && tvb->data[off + 1] == '\n')
        off += 2;
      else if (tvb->data[off] == '\n')
        off += 1;
      cs->encoded_len = off - offset;
    }
}

/* ---- body decoding ---- */

/* Inflates DATA (gzip, zlib or raw deflate) into packet scratch memory, up
 * to MAX_INFLATED bytes.  NULL on failure. */
static guint8 *
inflate_body (RemoraPacket *pkt,
              const guint8 *data,
              guint32       len,
              gboolean      gzip,
              guint32      *out_len,
              gboolean     *capped)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      z_stream zs;
      GByteArray *buf;
      guint8 chunk[16384];
      int rc = Z_OK;
      guint8 *result;

      memset (&zs, 0, sizeof zs);
      /* gzip: auto-detect gzip/zlib; deflate: zlib first, then raw */
      if (inflateInit2 (&zs, gzip ? 15 + 32 : (attempt == 0 ? 15 : -15)) != Z_OK)
        return NULL;
      buf = g_byte_array_new ();
      *capped = FALSE;
      zs.next_in = (Bytef *) data;
      zs.avail_in = len;
      while (rc == Z_OK)
        {
          zs.next_out = chunk;
          zs.avail_out = sizeof chunk;
          rc = inflate (&zs, Z_NO_FLUSH);
          if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && zs.avail_out < sizeof chunk))
            break;
          g_byte_array_append (buf, chunk, sizeof chunk - zs.avail_out);
          if (buf->len >= MAX_INFLATED)
            {
              g_byte_array_set_size (buf, MAX_INFLATED);
              *capped = TRUE;
              break;
            }
          if (rc == Z_BUF_ERROR)
            break;
          if (zs.avail_in == 0 && rc == Z_OK && zs.avail_out != 0)
            break;
        }
      inflateEnd (&zs);
      if (rc == Z_STREAM_END || *capped || (buf->len > 0 && zs.avail_in == 0))
        {
          *out_len = buf->len;
          result = remora_packet_alloc (pkt, MAX (buf->len, 1));
          memcpy (result, buf->data, buf->len);
          g_byte_array_unref (buf);
          return result;
        }
      g_byte_array_unref (buf);
      if (gzip)
        break;
    }
  return NULL;
}

static gboolean
is_text_media (const char *media_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_media_types); i++)
    if (strcmp (media_type, text_media_types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Hands the entity body to the dissector of its media type. */
static void
dissect_body_media (const RemoraTvb *body,
                    RemoraPacket    *pkt,
                    RemoraItem       tree,
                    RemoraItem       http_tree,
                    const MsgInfo   *mi)
{
  if (remora_tvb_reported_remaining (body, 0) == 0)
    return;
  if (!mi->have_media_type || mi->media_type[0] == '\0')
    {
      remora_call_data (body, pkt, http_tree);
      return;
    }
  if (strcmp (mi->media_type, "application/octet-stream") == 0 || g_str_has_prefix (mi->media_type, "multipart/"))
    {
      remora_call_data (body, pkt, tree);
      return;
    }
  if (is_text_media (mi->media_type) && text_lines_handle != NULL)
    remora_call_dissector (text_lines_handle, body, pkt, tree, (void *) mi->media_type);
  else if (media_handle != NULL)
    remora_call_dissector (media_handle, body, pkt, tree, (void *) mi->media_type);
}

/* Chunked body at OFFSET (ENCODED_LEN bytes on the wire): the chunk items
 * under a subtree, and the data joined into a new data source. */
static gboolean
dechunk (const RemoraTvb *tvb,
         RemoraPacket    *pkt,
         RemoraItem       http_tree,
         guint32          offset,
         const ChunkScan *cs,
         RemoraTvb       *out)
{
  RemoraItem ct = remora_add_text (pkt, http_tree, tvb, offset, cs->encoded_len,
                                   "HTTP chunked response");
  guint8 *buf = remora_packet_alloc (pkt, MAX (cs->data_len, 1));
  guint32 off = offset, end = offset + cs->encoded_len, filled = 0, next, size;
  gint len;

  while (off < end)
    {
      RemoraItem ci;

      len = remora_tvb_find_line_end (tvb, off, &next);
      if (len < 0 || !parse_chunk_size (tvb->data + off, (guint32) len, &size))
        break;
      if (size == 0)
        {
          guint32 tlen = next - off;

          ci = remora_add_text (pkt, ct, tvb, off, MIN (tlen + 2, end - off), "End of chunked encoding");
          remora_add_uint (pkt, ci, hf_chunk_size, tvb, off, tlen, 0);
          off = next;
          while (off < end)
            {
              len = remora_tvb_find_line_end (tvb, off, &next);
              if (len < 0)
                break;
              if (len == 0)
                {
                  remora_add_text (pkt, ct, tvb, off, next - off, "%s", next - off == 2 ? "\\r\\n" : "\\n");
                  off = next;
                  break;
                }
              ci = remora_add_string (pkt, ct, hf_trailer_part, tvb, off, next - off,
                                      (const char *) remora_tvb_get_ptr (tvb, off, next - off), next - off);
              if (pkt->tree_mode)
                remora_item_set_text (pkt, ci, "trailer-part: %s",
                                      escaped_copy (pkt, tvb->data + off, next - off));
              off = next;
            }
          break;
        }
      if (filled + size > cs->data_len)
        break;
      {
        guint32 blen = 0;

        if (next + size < end)
          blen = (next + size + 1 < end && remora_tvb_get_u8 (tvb, next + size) == '\r') ? 2 : 1;
        ci = remora_add_text (pkt, ct, tvb, off, next - off + size + blen, "Data chunk (%u octets)", size);
        remora_add_uint (pkt, ci, hf_chunk_size, tvb, off, next - off, size);
        remora_add_item (pkt, ci, hf_chunk_data, tvb, next, size, REMORA_ENC_NA);
        if (blen > 0)
          remora_add_item (pkt, ci, hf_chunk_boundary, tvb, next + size, blen, REMORA_ENC_NA);
        remora_tvb_memcpy (tvb, buf + filled, next, size);
        filled += size;
        off = next + size + blen;
      }
    }

  if (pkt->n_sources >= REMORA_MAX_SOURCES)
    return FALSE;
  {
    char *name = remora_packet_alloc (pkt, 64);

    g_snprintf (name, 64, "De-chunked entity body (%u bytes)", filled);
    remora_packet_add_source (pkt, name, buf, filled, out);
  }
  return TRUE;
}

/* ---- the message ---- */

typedef struct {
  RemoraPacket *pkt;
  RemoraItem    tree;
  int           proto;
  gboolean      ssdp;
  HttpConv     *conv;
  guint32       conv_number;
  guint         msg_index;
} HttpCtx;

static void
add_link (RemoraPacket *pkt, RemoraItem parent, int hf, const RemoraTvb *tvb, guint32 offset, guint32 frame)
{
  if (frame != 0)
    remora_item_set_generated (pkt, remora_add_uint (pkt, parent, hf, tvb, offset, 0, frame));
}

static char *
build_full_uri (const guint8 *host,
                guint32       host_len,
                const guint8 *uri,
                guint32       uri_len)
{
  if (uri_len > 0 && uri[0] != '/' && uri[0] != '*')
    return g_strndup ((const char *) uri, MIN (uri_len, MAX_STORED_URI));
  if (host == NULL)
    return NULL;
  {
    GString *s = g_string_new ("http://");

    g_string_append_len (s, (const char *) host, MIN (host_len, MAX_STORED_URI));
    g_string_append_len (s, (const char *) uri, MIN (uri_len, MAX_STORED_URI));
    return g_string_free (s, FALSE);
  }
}

static void
add_uri_parts (RemoraPacket    *pkt,
               RemoraItem       uri_item,
               const RemoraTvb *tvb,
               guint32          uri_off,
               guint32          uri_len)
{
  const guint8 *u = remora_tvb_get_ptr (tvb, uri_off, uri_len);
  const guint8 *q = memchr (u, '?', uri_len);
  guint32 qoff, qlen, start;
  RemoraItem qi;

  if (q == NULL)
    return;
  if (!pkt->tree_mode && !remora_wants (pkt, hf_uri_path) && !remora_wants (pkt, hf_uri_query)
      && !remora_wants (pkt, hf_uri_query_param))
    return;
  qoff = (guint32) (q - u) + 1;
  qlen = uri_len - qoff;
  remora_add_item (pkt, uri_item, hf_uri_path, tvb, uri_off, qoff - 1, REMORA_ENC_ASCII);
  qi = remora_add_item (pkt, uri_item, hf_uri_query, tvb, uri_off + qoff, qlen, REMORA_ENC_ASCII);
  start = qoff;
  for (guint32 i = qoff; i <= uri_len; i++)
    if (i == uri_len || u[i] == '&')
      {
        remora_add_item (pkt, qi, hf_uri_query_param, tvb, uri_off + start, i - start, REMORA_ENC_ASCII);
        start = i + 1;
      }
}

static void
add_cookie_pairs (RemoraPacket    *pkt,
                  RemoraItem       parent,
                  const RemoraTvb *tvb,
                  guint32          voff,
                  guint32          vlen)
{
  const guint8 *v = remora_tvb_get_ptr (tvb, voff, vlen);
  guint32 start = 0;

  if (!remora_wants (pkt, hf_cookie_pair))
    return;
  for (guint32 i = 0; i <= vlen; i++)
    if (i == vlen || v[i] == ';')
      {
        guint32 s = start;

        while (s < i && v[s] == ' ')
          s++;
        if (i > s)
          remora_add_item (pkt, parent, hf_cookie_pair, tvb, voff + s, i - s, REMORA_ENC_ASCII);
        start = i + 1;
      }
}

static void
add_basic_credentials (RemoraPacket    *pkt,
                       RemoraItem       parent,
                       const RemoraTvb *tvb,
                       guint32          voff,
                       guint32          vlen)
{
  const guint8 *v = remora_tvb_get_ptr (tvb, voff, vlen);
  guint32 b = 6;
  gint state = 0;
  guint save = 0;
  guchar *out;
  gsize n;

  if (vlen <= 6 || g_ascii_strncasecmp ((const char *) v, "Basic ", 6) != 0 || !remora_wants (pkt, hf_authbasic))
    return;
  while (b < vlen && v[b] == ' ')
    b++;
  out = remora_packet_alloc (pkt, (vlen - b) / 4 * 3 + 4);
  n = g_base64_decode_step ((const char *) v + b, vlen - b, out, &state, &save);
  remora_add_string (pkt, parent, hf_authbasic, tvb, voff + b, vlen - b, (const char *) out, (gssize) n);
}

static void
dissect_header_line (HttpCtx         *ctx,
                     const RemoraTvb *tvb,
                     RemoraItem       http_tree,
                     MsgType          type,
                     guint32          off,
                     guint32          len,
                     guint32          next,
                     const guint8   **host,
                     guint32         *host_len)
{
  RemoraPacket *pkt = ctx->pkt;
  const guint8 *line = remora_tvb_get_ptr (tvb, off, next - off);
  const guint8 *colon = memchr (line, ':', len);
  int line_hf = type == MSG_REQUEST ? hf_request_line : type == MSG_RESPONSE ? hf_response_line : hf_unknown_header;
  char *label = pkt->tree_mode ? escaped_copy (pkt, line, next - off) : NULL;
  RemoraItem item;

  if (colon != NULL)
    {
      guint32 name_len = (guint32) (colon - line), vlen;
      const guint8 *v = header_value (line, len, name_len, &vlen);
      guint32 voff = off + (guint32) (v - line);

      for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
        {
          if (!span_equal_ci (line, name_len, known_headers[i].name))
            continue;
          item = remora_add_string (pkt, http_tree, *known_headers[i].hf, tvb, off, next - off,
                                    (const char *) v, vlen);
          if (label)
            remora_item_set_text (pkt, item, "%s", label);
          switch (known_headers[i].kind)
            {
            case HDR_CONTENT_LENGTH:
              {
                guint64 cl;

                if (parse_decimal (v, vlen, &cl))
                  remora_item_set_generated (pkt, remora_add_uint (pkt, item, hf_content_length, tvb, off, next - off, cl));
              }
              break;
            case HDR_HOST:
              *host = v;
              *host_len = vlen;
              break;
            case HDR_COOKIE:
              add_cookie_pairs (pkt, item, tvb, voff, vlen);
              break;
            case HDR_AUTHORIZATION:
              add_basic_credentials (pkt, item, tvb, voff, vlen);
              break;
            default:
              break;
            }
          /* The line itself stays filterable; shown once, by the field. */
          if (type != MSG_NOTIFICATION)
            remora_item_set_hidden (pkt, remora_add_string (pkt, http_tree, line_hf, tvb, off, next - off,
                                                            (const char *) line, next - off));
          return;
        }
    }
  item = remora_add_string (pkt, http_tree, line_hf, tvb, off, next - off, (const char *) line, next - off);
  if (label)
    remora_item_set_text (pkt, item, "%s", label);
}

/* Result of one message: bytes consumed, 0 for "not HTTP here", -1 when
 * TCP was asked for more. */
static int
dissect_message (HttpCtx         *ctx,
                 const RemoraTvb *tvb,
                 guint32          offset)
{
  RemoraPacket *pkt = ctx->pkt;
  gboolean can_desegment = pkt->can_desegment && !ctx->ssdp;
  guint32 avail = remora_tvb_captured_remaining (tvb, offset);
  MsgInfo mi;
  ChunkScan cs = { 0 };
  HttpMsgRecord recbuf, *rec = NULL;
  HttpState *s = NULL;
  HttpTrans *cur = NULL;
  guint32 cur_number = 0;
  gboolean head = FALSE, no_body = FALSE;
  guint32 body_off, body_len = 0, msg_len, next, off;
  const guint8 *host = NULL;
  guint32 host_len = 0;
  RemoraItem http_tree, line_item, it;
  const guint8 *first;
  char *full_uri = NULL;
  gint len;

  scan_headers (tvb, offset, &mi);
  if (mi.first_next == 0)
    {
      /* no complete start line yet */
      if (can_desegment && pref_desegment_headers && avail < MAX_HEADER_BYTES
          && (could_start_message (tvb->data + offset, avail) || (ctx->conv && ctx->conv->seen)))
        {
          pkt->desegment_offset = offset;
          pkt->desegment_len = REMORA_DESEGMENT_ONE_MORE_SEGMENT;
          return -1;
        }
      return 0;
    }
  if (mi.type == MSG_OTHER)
    return 0;

  if (!mi.headers_complete && can_desegment && pref_desegment_headers && avail < MAX_HEADER_BYTES)
    {
      pkt->desegment_offset = offset;
      pkt->desegment_len = REMORA_DESEGMENT_ONE_MORE_SEGMENT;
      /* The Info column says what is being collected, as Wireshark's. */
      if (pkt->want_columns && ctx->msg_index == 0)
        remora_col_add_info (pkt, "%s ", escaped_copy (pkt, tvb->data + offset, mi.first_len));
      return -1;
    }

  /* The revisit record, and the body rule a response to HEAD follows. */
  if (ctx->conv != NULL)
    s = get_state (pkt);
  if (ctx->conv != NULL && pkt->visited)
    {
      if (read_record (s, pkt, ctx->msg_index, mi.type == MSG_RESPONSE, &recbuf))
        {
          rec = &recbuf;
          head = rec->head;
        }
    }
  else if (ctx->conv != NULL && mi.type == MSG_RESPONSE)
    head = ctx->conv->last_is_head;

  body_off = mi.header_end;
  if (!mi.headers_complete)
    no_body = TRUE;
  else if (mi.type == MSG_RESPONSE && (mi.code / 100 == 1 || mi.code == 204 || mi.code == 304))
    no_body = TRUE;
  else if (mi.chunked)
    {
      scan_chunks (tvb, body_off, &cs);
      if (!cs.complete && !cs.bad && can_desegment && pref_desegment_body && !head)
        {
          /* Segment by segment, as Wireshark asks: a request for just the
           * rest of this chunk would end the PDU inside the segment that
           * also carries the next chunk line, and the message would then
           * complete one segment later than tshark says, or not at all. */
          pkt->desegment_offset = offset;
          pkt->desegment_len = REMORA_DESEGMENT_ONE_MORE_SEGMENT;
          if (pkt->want_columns && ctx->msg_index == 0)
            remora_col_add_info (pkt, "%s ", escaped_copy (pkt, tvb->data + offset, mi.first_len));
          return -1;
        }
      body_len = cs.encoded_len;
    }
  else if (mi.have_length)
    {
      guint32 have = remora_tvb_reported_remaining (tvb, body_off);

      if (mi.content_length > have && can_desegment && pref_desegment_body && !head
          && mi.content_length - have <= MAX_BODY_WAIT)
        {
          pkt->desegment_offset = offset;
          pkt->desegment_len = (guint32) (mi.content_length - have);
          if (pkt->want_columns && ctx->msg_index == 0)
            remora_col_add_info (pkt, "%s ", escaped_copy (pkt, tvb->data + offset, mi.first_len));
          return -1;
        }
      body_len = (guint32) MIN (mi.content_length, (guint64) have);
    }
  else if (mi.type == MSG_RESPONSE && !head)
    {
      /* No framing: the body runs to the end of the connection.  TCP
       * delivers it with can_desegment cleared once the FIN is in. */
      if (can_desegment && pref_desegment_body)
        {
          pkt->desegment_offset = offset;
          pkt->desegment_len = REMORA_DESEGMENT_UNTIL_FIN;
          if (pkt->want_columns && ctx->msg_index == 0)
            remora_col_add_info (pkt, "%s ", escaped_copy (pkt, tvb->data + offset, mi.first_len));
          return -1;
        }
      body_len = remora_tvb_reported_remaining (tvb, body_off);
    }
  else if (mi.type != MSG_RESPONSE && mi.other_coding)
    body_len = remora_tvb_reported_remaining (tvb, body_off);
  msg_len = body_off - offset + body_len;

  /* ---- from here on the message is dissected ---- */
  if (ctx->conv)
    ctx->conv->seen = TRUE;
  remora_col_set_protocol (pkt, ctx->ssdp ? "SSDP" : "HTTP");
  if (ctx->msg_index == 0)
    remora_col_clear_info (pkt);
  first = remora_tvb_get_ptr (tvb, offset, mi.first_next - offset);
  if (pkt->want_columns)
    remora_col_append_info (pkt, "%s ", escaped_copy (pkt, first, mi.first_len));

  http_tree = remora_add_protocol (pkt, ctx->tree, ctx->proto, tvb, offset, body_off - offset);
  line_item = remora_add_text (pkt, http_tree, tvb, offset, mi.first_next - offset, "%s",
                               pkt->tree_mode ? escaped_copy (pkt, first, mi.first_next - offset) : "");
  if (pkt->tree_mode)
    remora_add_expert (pkt, line_item, tvb, offset, 0, "Chat", "Sequence", "%s",
                       escaped_copy (pkt, first, mi.first_next - offset));

  if (mi.type == MSG_RESPONSE)
    {
      guint32 sp = 0, vlen, code_off;

      while (sp < mi.first_len && first[sp] != ' ')
        sp++;
      vlen = sp;
      remora_add_item (pkt, line_item, hf_res_version, tvb, offset, vlen, REMORA_ENC_ASCII);
      while (sp < mi.first_len && first[sp] == ' ')
        sp++;
      code_off = sp;
      if (code_off + 3 <= mi.first_len)
        {
          const char *desc = remora_value_string_lookup (status_code_vals, mi.code);
          char unknown[24];

          remora_add_uint (pkt, line_item, hf_code, tvb, offset + code_off, 3, mi.code);
          if (desc == NULL)
            {
              g_snprintf (unknown, sizeof unknown, "Unknown (%u)", mi.code);
              desc = unknown;
            }
          remora_item_set_generated (pkt, remora_add_string (pkt, line_item, hf_code_desc, tvb,
                                                             offset + code_off, 3, desc, -1));
          sp = code_off + 3;
          if (sp < mi.first_len && first[sp] == ' ')
            sp++;
          remora_add_item (pkt, line_item, hf_phrase, tvb, offset + sp, mi.first_len - sp, REMORA_ENC_ASCII);
        }
    }
  else
    {
      guint32 uri_off = mi.method_len + 1, uri_end = uri_off;

      remora_add_item (pkt, line_item, hf_method, tvb, offset, mi.method_len, REMORA_ENC_ASCII);
      while (uri_end < mi.first_len && first[uri_end] != ' ')
        uri_end++;
      it = remora_add_item (pkt, line_item, hf_uri, tvb, offset + uri_off, uri_end - uri_off, REMORA_ENC_ASCII);
      add_uri_parts (pkt, it, tvb, offset + uri_off, uri_end - uri_off);
      if (uri_end < mi.first_len)
        remora_add_item (pkt, line_item, hf_req_version, tvb, offset + uri_end + 1,
                         mi.first_len - uri_end - 1, REMORA_ENC_ASCII);
    }

  /* header lines */
  off = mi.first_next;
  while (off < body_off)
    {
      len = remora_tvb_find_line_end (tvb, off, &next);
      if (len < 0)
        break;
      if (len == 0)
        {
          remora_add_text (pkt, http_tree, tvb, off, next - off, "%s", next - off == 2 ? "\\r\\n" : "\\n");
          off = next;
          break;
        }
      dissect_header_line (ctx, tvb, http_tree, mi.type, off, (guint32) len, next, &host, &host_len);
      off = next;
    }

  if (mi.type == MSG_REQUEST || mi.type == MSG_NOTIFICATION)
    {
      guint32 uri_off = mi.method_len + 1, uri_end = uri_off;

      while (uri_end < mi.first_len && first[uri_end] != ' ')
        uri_end++;
      full_uri = build_full_uri (host, host_len, first + uri_off, uri_end - uri_off);
      if (full_uri)
        remora_item_set_generated (pkt, remora_add_string (pkt, http_tree, hf_full_uri, tvb, offset, 0, full_uri, -1));
    }

  /* transactions */
  if (ctx->conv != NULL && !pkt->visited && mi.type != MSG_NOTIFICATION)
    {
      gboolean keep_all = remora_session_get_will_revisit (pkt->session);
      HttpConv *c = ctx->conv;
      guint32 for_uri = c->last_uri;

      if (mi.type == MSG_REQUEST)
        {
          cur = conv_push (s, c, keep_all);
          cur->req_frame = pkt->frame->number;
          c->cur_req_ts_ns = pkt->frame->ts_ns;
          c->last_is_head = mi.method_len == 4 && memcmp (first, "HEAD", 4) == 0;
          if (keep_all)
            c->last_uri = uri_put (s, full_uri);
          else
            {
              if (s->last_uris == NULL)
                s->last_uris = g_hash_table_new_full (NULL, NULL, NULL, g_free);
              g_hash_table_replace (s->last_uris, GUINT_TO_POINTER (ctx->conv_number + 1), g_strdup (full_uri));
            }
        }
      else
        {
          cur = trans_get (s, c->cur);
          if (cur == NULL || (cur->res_frame != 0 && c->cur_res_code >= 200))
            cur = conv_push (s, c, keep_all);
          cur->res_frame = pkt->frame->number;
          c->cur_res_code = mi.code;
        }
      cur_number = c->count;
      if (keep_all && ctx->msg_index < 0xffff)
        {
          rec = &recbuf;
          rec->trans = c->cur;
          rec->number = cur_number;
          rec->head = head;
          rec->for_uri = NULL;
          rec->has_time = cur->req_frame != 0;
          rec->time_ns = pkt->frame->ts_ns - c->cur_req_ts_ns;
          write_record (s, pkt, ctx->msg_index, mi.type == MSG_RESPONSE, rec, for_uri);
          rec->for_uri = uri_get (s, for_uri);
        }
    }
  else if (rec != NULL)
    {
      cur = trans_get (s, rec->trans);
      cur_number = rec->number;
    }

  if (mi.type == MSG_NOTIFICATION)
    remora_item_set_hidden (pkt, remora_add_boolean (pkt, http_tree, hf_notification, tvb, offset, 0, 1));
  else if (cur != NULL)
    {
      HttpConv *c = ctx->conv;
      HttpTrans *prev = trans_get (s, cur->prev);
      HttpTrans *nxt = trans_get (s, cur->next);

      if (mi.type == MSG_REQUEST)
        {
          remora_item_set_hidden (pkt, remora_add_boolean (pkt, http_tree, hf_request, tvb, offset, 0, 1));
          it = remora_add_uint (pkt, http_tree, hf_request_number, tvb, offset, 0, cur_number);
          remora_item_set_text (pkt, it, "HTTP request %u/%u", cur_number, c->count);
          remora_item_set_generated (pkt, it);
          add_link (pkt, http_tree, hf_prev_request_in, tvb, offset, prev ? prev->req_frame : 0);
          add_link (pkt, http_tree, hf_response_in, tvb, offset, cur->res_frame);
          add_link (pkt, http_tree, hf_next_request_in, tvb, offset, nxt ? nxt->req_frame : 0);
        }
      else
        {
          const char *for_uri = rec != NULL ? rec->for_uri
                                : s->last_uris != NULL ? g_hash_table_lookup (s->last_uris, GUINT_TO_POINTER (ctx->conv_number + 1))
                                : NULL;

          remora_item_set_hidden (pkt, remora_add_boolean (pkt, http_tree, hf_response, tvb, offset, 0, 1));
          it = remora_add_uint (pkt, http_tree, hf_response_number, tvb, offset, 0, cur_number);
          remora_item_set_text (pkt, it, "HTTP response %u/%u", cur_number, c->count);
          remora_item_set_generated (pkt, it);
          if (cur->req_frame != 0)
            remora_item_set_generated (pkt, remora_add_time (pkt, http_tree, hf_time, tvb, offset, 0,
                                                             rec ? rec->time_ns : pkt->frame->ts_ns - c->cur_req_ts_ns));
          add_link (pkt, http_tree, hf_prev_request_in, tvb, offset, prev ? prev->req_frame : 0);
          add_link (pkt, http_tree, hf_prev_response_in, tvb, offset, prev ? prev->res_frame : 0);
          add_link (pkt, http_tree, hf_request_in, tvb, offset, cur->req_frame);
          add_link (pkt, http_tree, hf_next_request_in, tvb, offset, nxt ? nxt->req_frame : 0);
          add_link (pkt, http_tree, hf_next_response_in, tvb, offset, nxt ? nxt->res_frame : 0);
          if (for_uri)
            remora_item_set_generated (pkt, remora_add_string (pkt, http_tree, hf_response_for_uri, tvb,
                                                               offset, 0, for_uri, -1));
        }
    }
  else if (mi.type == MSG_REQUEST)
    remora_item_set_hidden (pkt, remora_add_boolean (pkt, http_tree, hf_request, tvb, offset, 0, 1));
  else
    remora_item_set_hidden (pkt, remora_add_boolean (pkt, http_tree, hf_response, tvb, offset, 0, 1));
  g_free (full_uri);

  /* the entity body */
  if (!no_body && body_len > 0)
    {
      RemoraTvb body, decoded;
      gboolean want_content = pkt->tree_mode || remora_wants (pkt, hf_file_data) || remora_wants (pkt, hf_media_type)
                              || remora_wants (pkt, hf_data_data) || remora_wants (pkt, hf_data_len);

      remora_tvb_subset_length (&body, tvb, body_off, body_len);
      if (mi.chunked && pref_dechunk_body && !cs.bad)
        {
          if (dechunk (tvb, pkt, http_tree, body_off, &cs, &decoded))
            body = decoded;
        }
      if (mi.encoding[0] != '\0' && strcmp (mi.encoding, "identity") != 0)
        {
          gboolean gzip = strcmp (mi.encoding, "gzip") == 0 || strcmp (mi.encoding, "x-gzip") == 0;
          gboolean deflate = strcmp (mi.encoding, "deflate") == 0;
          guint32 in_len = remora_tvb_reported_remaining (&body, 0);
          RemoraItem ei = remora_add_text (pkt, http_tree, &body, 0, remora_tvb_captured_remaining (&body, 0),
                                           "Content-encoded entity body (%s): %u bytes", mi.encoding, in_len);

          if ((gzip || deflate) && pref_decompress_body && want_content && pkt->n_sources < REMORA_MAX_SOURCES)
            {
              guint32 out_len = 0;
              gboolean capped = FALSE;
              const guint8 *src = remora_tvb_get_ptr (&body, 0, remora_tvb_captured_remaining (&body, 0));
              guint8 *out = inflate_body (pkt, src, remora_tvb_captured_remaining (&body, 0), gzip, &out_len, &capped);

              if (out != NULL)
                {
                  char *name = remora_packet_alloc (pkt, 64);

                  remora_item_append_text (pkt, ei, " -> %u bytes", out_len);
                  g_snprintf (name, 64, "Uncompressed entity body (%u bytes)", out_len);
                  remora_packet_add_source (pkt, name, out, out_len, &body);
                  if (capped)
                    remora_add_expert (pkt, ei, &body, 0, 0, "Warning", "Undecoded",
                                       "Decompression stopped at %u bytes", out_len);
                }
              else
                {
                  remora_item_append_text (pkt, ei, " [Error: Decompression failed]");
                  remora_add_expert (pkt, ei, &body, 0, 0, "Warning", "Undecoded", "Decompression failed");
                }
            }
        }
      if (remora_tvb_reported_remaining (&body, 0) > 0)
        {
          guint32 blen = remora_tvb_captured_remaining (&body, 0);

          it = remora_add_item (pkt, http_tree, hf_file_data, &body, 0, blen, REMORA_ENC_NA);
          remora_item_set_text (pkt, it, "File Data: %u bytes", blen);
          dissect_body_media (&body, pkt, ctx->tree, http_tree, &mi);
        }
    }
  return (int) msg_len;
}

/* Payload that is not the start of a message in a stream known to be
 * HTTP: the rest of an earlier body. */
static void
dissect_continuation (HttpCtx         *ctx,
                      const RemoraTvb *tvb,
                      guint32          offset)
{
  RemoraPacket *pkt = ctx->pkt;
  RemoraTvb rest;
  RemoraItem http_tree, it;
  guint32 len = remora_tvb_captured_remaining (tvb, offset);

  remora_col_set_protocol (pkt, ctx->ssdp ? "SSDP" : "HTTP");
  if (ctx->msg_index == 0)
    remora_col_set_info (pkt, "Continuation");
  http_tree = remora_add_protocol (pkt, ctx->tree, ctx->proto, tvb, offset, len);
  remora_tvb_subset_remaining (&rest, tvb, offset);
  it = remora_add_item (pkt, http_tree, hf_file_data, &rest, 0, len, REMORA_ENC_NA);
  remora_item_set_text (pkt, it, "File Data: %u bytes", len);
  remora_call_data (&rest, pkt, http_tree);
}

static int
dissect_http_common (const RemoraTvb *tvb,
                     RemoraPacket    *pkt,
                     RemoraItem       tree,
                     gboolean         ssdp)
{
  HttpCtx ctx = { pkt, tree, ssdp ? proto_ssdp : proto_http, ssdp, NULL, 0, 0 };
  guint32 offset = 0, reported = remora_tvb_reported_remaining (tvb, 0);

  if (reported == 0)
    return 0;
  ctx.conv = get_conv (pkt, TRUE, &ctx.conv_number);
  while (offset < tvb->captured && ctx.msg_index < MAX_MESSAGES_PER_CALL)
    {
      int r = dissect_message (&ctx, tvb, offset);

      if (r < 0)
        break;
      if (r == 0)
        {
          if (offset == 0 && (ctx.conv == NULL || !ctx.conv->seen) && !ssdp)
            return 0;
          dissect_continuation (&ctx, tvb, offset);
          break;
        }
      offset += (guint32) r;
      ctx.msg_index++;
    }
  return (int) reported;
}

static int
dissect_http (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  return dissect_http_common (tvb, pkt, tree, FALSE);
}

static int
dissect_ssdp (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  return dissect_http_common (tvb, pkt, tree, TRUE);
}

/* By content, on any port: only a payload that opens with a request or
 * status line (or a stream already found to be HTTP). */
static int
dissect_http_heur (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree,
                   void            *data)
{
  guint32 avail = remora_tvb_captured_remaining (tvb, 0);
  guint32 n = MIN (avail, 24), method_len;
  HttpConv *conv = get_conv (pkt, FALSE, NULL);
  const guint8 *p;
  gint lf;

  if (avail == 0)
    return 0;
  if (conv == NULL || !conv->seen)
    {
      p = remora_tvb_get_ptr (tvb, 0, n);
      lf = remora_tvb_find_u8 (tvb, 0, n, '\n');
      if (lf >= 0)
        n = (guint32) lf;
      if (!(n >= 7 && memcmp (p, "HTTP/1.", 7) == 0) && classify_line (p, n, &method_len) == MSG_OTHER)
        return 0;
    }
  return remora_call_dissector (http_handle, tvb, pkt, tree, data);
}

void
remora_register_http (void)
{
  proto_http = remora_proto_register ("Hypertext Transfer Protocol", "HTTP", "http");
  proto_ssdp = remora_proto_register ("Simple Service Discovery Protocol", "SSDP", "ssdp");
  remora_fields_register (proto_http, http_fields, G_N_ELEMENTS (http_fields));
  http_handle = remora_dissector_register ("http", proto_http, dissect_http);
  /* The heuristic pushes no layer of its own: the "http" call does. */
  remora_dissector_register ("http_heur", -1, dissect_http_heur);
  remora_dissector_register ("ssdp", proto_ssdp, dissect_ssdp);
  remora_pref_register_bool ("http.desegment_headers", &pref_desegment_headers,
                             "Reassemble HTTP headers spanning multiple TCP segments");
  remora_pref_register_bool ("http.desegment_body", &pref_desegment_body,
                             "Reassemble HTTP bodies spanning multiple TCP segments");
  remora_pref_register_bool ("http.dechunk_body", &pref_dechunk_body,
                             "Reassemble chunked transfer-coded bodies");
  remora_pref_register_bool ("http.decompress_body", &pref_decompress_body,
                             "Uncompress entity bodies (gzip, deflate)");
}

void
remora_handoff_http (void)
{
  /* Wireshark 4.0's default http.tcp.port range, plus the ports its
   * other registrations give HTTP (631 IPP, 3689 DAAP). */
  static const guint16 ports[] = { 80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371 };

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    remora_table_add_uint ("tcp.port", ports[i], http_handle);
  remora_table_add_uint ("udp.port", 1900, remora_dissector_find ("ssdp"));
  text_lines_handle = remora_dissector_find ("data-text-lines");
  media_handle = remora_dissector_find ("media");
  hf_data_data = remora_field_lookup ("data.data");
  hf_data_len = remora_field_lookup ("data.len");
  hf_media_type = remora_field_lookup ("media.type");
  /* after the port table, before data, as tshark tries it */
  remora_heur_add ("tcp", remora_dissector_find ("http_heur"));
}
