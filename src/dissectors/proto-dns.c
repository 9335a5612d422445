/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dns"

#include "config.h"

#include "remora-dissectors.h"

#include <string.h>

#include "remora-chunk-array.h"
#include "remora-dns-name.h"
#include "remora-format.h"
#include "remora-frame-log.h"
#include "remora-record-index.h"
#include "remora-time-column.h"

/* Domain Name System (RFC 1035) over UDP and TCP port 53, and Multicast DNS
 * (RFC 6762) on UDP 5353, which shares the message format and the dns.*
 * fields.  Queries are matched with their responses per conversation and
 * transaction id. */

static int proto_dns, proto_mdns;

static int hf_length, hf_id, hf_flags, hf_flags_response, hf_flags_opcode, hf_flags_authoritative;
static int hf_flags_truncated, hf_flags_recdesired, hf_flags_recavail, hf_flags_z;
static int hf_flags_authenticated, hf_flags_ad, hf_flags_checkdisable, hf_flags_rcode;
static int hf_count_queries, hf_count_zones, hf_count_answers, hf_count_prereq;
static int hf_count_auth, hf_count_updates, hf_count_add;
static int hf_qry_name, hf_qry_name_len, hf_count_labels, hf_qry_type, hf_qry_class, hf_qry_class_mdns, hf_qry_qu;
static int hf_resp_name, hf_resp_type, hf_resp_class, hf_resp_class_mdns, hf_resp_cache_flush;
static int hf_resp_ttl, hf_resp_len;
static int hf_srv_service, hf_srv_proto, hf_srv_name, hf_srv_priority, hf_srv_weight, hf_srv_port, hf_srv_target;
static int hf_a, hf_aaaa, hf_cname, hf_ns, hf_ptr, hf_mx_pref, hf_mx_exchange;
static int hf_txt_len, hf_txt, hf_spf_len, hf_spf;
static int hf_soa_mname, hf_soa_rname, hf_soa_serial, hf_soa_refresh, hf_soa_retry, hf_soa_expire, hf_soa_minimum;
static int hf_udp_payload_size, hf_ext_rcode, hf_edns0_version, hf_resp_z, hf_resp_z_do, hf_resp_z_reserved;
static int hf_opt, hf_opt_code, hf_opt_len, hf_opt_data, hf_cookie_client, hf_cookie_server;
static int hf_data, hf_response_in, hf_response_to, hf_time, hf_retransmission;
static int hf_retransmit_request_in, hf_retransmit_response_in, hf_unsolicited;
static int hf_extraneous, hf_extraneous_data, hf_extraneous_length;

typedef struct {
  guint16     value;
  const char *short_name;
  const char *name;
} DnsType;

/* Types as Wireshark names them: the short name in summaries and Info,
 * the long one in the Type item. */
static const DnsType dns_types[] = {
  { 0, "Unused", "Unused" },
  { 1, "A", "A (Host Address)" },
  { 2, "NS", "NS (authoritative Name Server)" },
  { 3, "MD", "MD (Mail Destination)" },
  { 4, "MF", "MF (Mail Forwarder)" },
  { 5, "CNAME", "CNAME (Canonical NAME for an alias)" },
  { 6, "SOA", "SOA (Start Of a zone of Authority)" },
  { 7, "MB", "MB (MailBox domain name)" },
  { 8, "MG", "MG (Mail Group member)" },
  { 9, "MR", "MR (Mail Rename domain)" },
  { 10, "NULL", "NULL RR" },
  { 11, "WKS", "WKS (Well Known Service)" },
  { 12, "PTR", "PTR (domain name PoinTeR)" },
  { 13, "HINFO", "HINFO (host information)" },
  { 14, "MINFO", "MINFO (Mailbox or mail list information)" },
  { 15, "MX", "MX (Mail eXchange)" },
  { 16, "TXT", "TXT (Text strings)" },
  { 17, "RP", "RP (Responsible Person)" },
  { 18, "AFSDB", "AFSDB (AFS Data Base location)" },
  { 19, "X25", "X25 (XX.25 PSDN address)" },
  { 20, "ISDN", "ISDN (ISDN address)" },
  { 21, "RT", "RT (Route Through)" },
  { 22, "NSAP", "NSAP (NSAP address)" },
  { 23, "NSAP-PTR", "NSAP-PTR (NSAP domain name pointer)" },
  { 24, "SIG", "SIG (security signature)" },
  { 25, "KEY", "KEY (security key)" },
  { 26, "PX", "PX (X.400 mail mapping information)" },
  { 27, "GPOS", "GPOS (Geographical Position)" },
  { 28, "AAAA", "AAAA (IPv6 Address)" },
  { 29, "LOC", "LOC (Location Information)" },
  { 30, "NXT", "NXT (Next Domain)" },
  { 31, "EID", "EID (Endpoint Identifier)" },
  { 32, "NIMLOC", "NIMLOC (Nimrod Locator)" },
  { 33, "SRV", "SRV (Server Selection)" },
  { 34, "ATMA", "ATMA (ATM Address)" },
  { 35, "NAPTR", "NAPTR (Naming Authority Pointer)" },
  { 36, "KX", "KX (Key Exchanger)" },
  { 37, "CERT", "CERT" },
  { 38, "A6", "A6 (OBSOLETE - use AAAA)" },
  { 39, "DNAME", "DNAME" },
  { 40, "SINK", "SINK" },
  { 41, "OPT", "OPT" },
  { 42, "APL", "APL" },
  { 43, "DS", "DS (Delegation Signer)" },
  { 44, "SSHFP", "SSHFP (SSH Key Fingerprint)" },
  { 45, "IPSECKEY", "IPSECKEY" },
  { 46, "RRSIG", "RRSIG (Resource Record Signature)" },
  { 47, "NSEC", "NSEC (Next Secure)" },
  { 48, "DNSKEY", "DNSKEY (DNS Public Key)" },
  { 49, "DHCID", "DHCID" },
  { 50, "NSEC3", "NSEC3" },
  { 51, "NSEC3PARAM", "NSEC3PARAM" },
  { 52, "TLSA", "TLSA" },
  { 55, "HIP", "HIP (Host Identity Protocol)" },
  { 57, "RKEY", "RKEY" },
  { 58, "TALINK", "TALINK (Trust Anchor LINK)" },
  { 59, "CDS", "CDS (Child DS)" },
  { 60, "CDNSKEY", "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)" },
  { 61, "OPENPGPKEY", "OPENPGPKEY (OpenPGP Key)" },
  { 62, "CSYNC", "CSYNC (Child-to-Parent Synchronization)" },
  { 63, "ZONEMD", "ZONEMD" },
  { 64, "SVCB", "SVCB (General Purpose Service Endpoints)" },
  { 65, "HTTPS", "HTTPS (HTTPS Specific Service Endpoints)" },
  { 99, "SPF", "SPF" },
  { 100, "UINFO", "UINFO" },
  { 101, "UID", "UID" },
  { 102, "GID", "GID" },
  { 103, "UNSPEC", "UNSPEC" },
  { 104, "NID", "NID (NodeID)" },
  { 105, "L32", "L32 (Locator32)" },
  { 106, "L64", "L64 (Locator64)" },
  { 107, "LP", "LP (Locator FQDN)" },
  { 108, "EUI48", "EUI48" },
  { 109, "EUI64", "EUI64" },
  { 249, "TKEY", "TKEY (Transaction Key)" },
  { 250, "TSIG", "TSIG (Transaction Signature)" },
  { 251, "IXFR", "IXFR (incremental transfer)" },
  { 252, "AXFR", "AXFR (transfer of an entire zone)" },
  { 253, "MAILB", "MAILB (mailbox-related RRs)" },
  { 254, "MAILA", "MAILA (mail agent RRs)" },
  { 255, "ANY", "* (A request for all records the server/cache has available)" },
  { 256, "URI", "URI" },
  { 257, "CAA", "CAA (Certification Authority Restriction)" },
  { 32768, "TA", "TA (DNSSEC Trust Authorities)" },
  { 32769, "DLV", "DLV (DNSSEC Lookaside Validation)" },
  { 65281, "WINS", "WINS" },
  { 65282, "WINS-R", "WINS-R" },
  { 65422, "XPF", "XPF" },
};

static RemoraValueString type_vals[G_N_ELEMENTS (dns_types) + 1];

static const RemoraValueString class_vals[] = {
  { 0x0001, "IN" }, { 0x0002, "CS" }, { 0x0003, "CH" }, { 0x0004, "HS" },
  { 0x00fe, "NONE" }, { 0x00ff, "ANY" }, { 0, NULL }
};

static const RemoraValueString opcode_vals[] = {
  { 0, "Standard query" }, { 1, "Inverse query" }, { 2, "Server status request" },
  { 4, "Zone change notification" }, { 5, "Dynamic update" },
  { 6, "DNS Stateful operations (DSO)" }, { 0, NULL }
};

static const RemoraValueString rcode_vals[] = {
  { 0, "No error" }, { 1, "Format error" }, { 2, "Server failure" }, { 3, "No such name" },
  { 4, "Not implemented" }, { 5, "Refused" }, { 6, "Name exists" }, { 7, "RRset exists" },
  { 8, "RRset does not exist" }, { 9, "Not authoritative" }, { 10, "Name out of zone" },
  { 11, "DSO-Type not implemented" }, { 16, "Bad OPT Version or TSIG Signature Failure" },
  { 17, "Key not recognized" }, { 18, "Signature out of time window" }, { 19, "Bad TKEY Mode" },
  { 20, "Duplicate key name" }, { 21, "Algorithm not supported" }, { 22, "Bad Truncation" },
  { 23, "Bad/missing Server Cookie" }, { 0, NULL }
};

static const RemoraValueString opt_code_vals[] = {
  { 0, "Reserved" }, { 1, "LLQ - Long-lived query" }, { 2, "UL - Update lease" },
  { 3, "NSID - Name Server Identifier" }, { 4, "Owner (reserved)" },
  { 5, "DAU - DNSSEC Algorithm Understood (RFC6975)" }, { 6, "DHU - DS Hash Understood (RFC6975)" },
  { 7, "N3U - NSEC3 Hash Understood (RFC6975)" }, { 8, "CSUBNET - Client subnet" },
  { 9, "EDNS EXPIRE (RFC7314)" }, { 10, "COOKIE" }, { 11, "EDNS TCP Keepalive" },
  { 12, "PADDING" }, { 13, "CHAIN" }, { 15, "Extended DNS Error" },
  { 20730, "Experimental - CSUBNET - Client subnet" }, { 0, NULL }
};

static const RemoraTrueFalse tfs_response = { "Message is a response", "Message is a query" };
static const RemoraTrueFalse tfs_authoritative = { "Server is an authority for domain", "Server is not an authority for domain" };
static const RemoraTrueFalse tfs_truncated = { "Message is truncated", "Message is not truncated" };
static const RemoraTrueFalse tfs_recdesired = { "Do query recursively", "Don't do query recursively" };
static const RemoraTrueFalse tfs_recavail = { "Server can do recursive queries", "Server can't do recursive queries" };
static const RemoraTrueFalse tfs_z = { "reserved - incorrect!", "reserved (0)" };
static const RemoraTrueFalse tfs_authenticated = { "Answer/authority portion was authenticated by the server",
                                                   "Answer/authority portion was not authenticated by the server" };
static const RemoraTrueFalse tfs_checkdisable = { "Acceptable", "Unacceptable" };
static const RemoraTrueFalse tfs_do = { "Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs" };
static const RemoraTrueFalse tfs_true_false = { "True", "False" };

#define B16(name, abbrev, tfs, mask, blurb) \
  { "" name, abbrev, REMORA_FT_BOOLEAN, 16, tfs, mask, blurb }

static RemoraFieldDef dns_fields[] = {
  { &hf_length, { "Length", "dns.length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Length of DNS-over-TCP request or response" } },
  { &hf_flags, { "Flags", "dns.flags", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_flags_response, B16 ("Response", "dns.flags.response", &tfs_response, 0x8000, "Is the message a response?") },
  { &hf_flags_opcode, { "Opcode", "dns.flags.opcode", REMORA_FT_UINT16, REMORA_BASE_DEC, opcode_vals, 0x7800, "Operation code" } },
  { &hf_flags_authoritative, B16 ("Authoritative", "dns.flags.authoritative", &tfs_authoritative, 0x0400,
                                  "Is the server is an authority for the domain?") },
  { &hf_flags_truncated, B16 ("Truncated", "dns.flags.truncated", &tfs_truncated, 0x0200, "Is the message truncated?") },
  { &hf_flags_recdesired, B16 ("Recursion desired", "dns.flags.recdesired", &tfs_recdesired, 0x0100, "Do query recursively?") },
  { &hf_flags_recavail, B16 ("Recursion available", "dns.flags.recavail", &tfs_recavail, 0x0080,
                             "Can the server do recursive queries?") },
  { &hf_flags_z, B16 ("Z", "dns.flags.z", &tfs_z, 0x0040, "Z flag") },
  { &hf_flags_authenticated, B16 ("Answer authenticated", "dns.flags.authenticated", &tfs_authenticated, 0x0020,
                                  "Was the reply data authenticated by the server?") },
  { &hf_flags_ad, B16 ("AD bit", "dns.flags.authenticated", &remora_tfs_set_notset, 0x0020, NULL) },
  { &hf_flags_checkdisable, B16 ("Non-authenticated data", "dns.flags.checkdisable", &tfs_checkdisable, 0x0010,
                                 "Is non-authenticated data acceptable?") },
  { &hf_flags_rcode, { "Reply code", "dns.flags.rcode", REMORA_FT_UINT16, REMORA_BASE_DEC, rcode_vals, 0x000f, NULL } },
  { &hf_id, { "Transaction ID", "dns.id", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, "Identification of transaction" } },
  { &hf_qry_type, { "Type", "dns.qry.type", REMORA_FT_UINT16, REMORA_BASE_DEC, type_vals, 0, "Query Type" } },
  { &hf_qry_class, { "Class", "dns.qry.class", REMORA_FT_UINT16, REMORA_BASE_HEX, class_vals, 0, "Query Class" } },
  { &hf_qry_class_mdns, { "Class", "dns.qry.class", REMORA_FT_UINT16, REMORA_BASE_HEX, class_vals, 0x7fff, "Query Class" } },
  { &hf_qry_qu, B16 ("\"QU\" question", "dns.qry.qu", &tfs_true_false, 0x8000, "QU flag") },
  { &hf_qry_name, { "Name", "dns.qry.name", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Query Name" } },
  { &hf_qry_name_len, { "Name Length", "dns.qry.name.len", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Query Name Len" } },
  { &hf_count_labels, { "Label Count", "dns.count.labels", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Query Label Count" } },
  { &hf_resp_type, { "Type", "dns.resp.type", REMORA_FT_UINT16, REMORA_BASE_DEC, type_vals, 0, "Response Type" } },
  { &hf_resp_class, { "Class", "dns.resp.class", REMORA_FT_UINT16, REMORA_BASE_HEX, class_vals, 0, "Response Class" } },
  { &hf_resp_class_mdns, { "Class", "dns.resp.class", REMORA_FT_UINT16, REMORA_BASE_HEX, class_vals, 0x7fff, "Response Class" } },
  { &hf_resp_cache_flush, B16 ("Cache flush", "dns.resp.cache_flush", &tfs_true_false, 0x8000, "Cache flush flag") },
  { &hf_ext_rcode, { "Higher bits in extended RCODE", "dns.resp.ext_rcode", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_edns0_version, { "EDNS0 version", "dns.resp.edns0_version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_resp_z, { "Z", "dns.resp.z", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_resp_z_do, B16 ("DO bit", "dns.resp.z.do", &tfs_do, 0x8000, "DNSSEC OK") },
  { &hf_resp_z_reserved, { "Reserved", "dns.resp.z.reserved", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0x7fff, NULL } },
  { &hf_srv_service, { "Service", "dns.srv.service", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Desired service" } },
  { &hf_srv_proto, { "Protocol", "dns.srv.proto", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Desired protocol" } },
  { &hf_srv_name, { "Name", "dns.srv.name", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Domain this resource record refers to" } },
  { &hf_srv_priority, { "Priority", "dns.srv.priority", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_srv_weight, { "Weight", "dns.srv.weight", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_srv_port, { "Port", "dns.srv.port", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_srv_target, { "Target", "dns.srv.target", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_resp_name, { "Name", "dns.resp.name", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Response Name" } },
  { &hf_resp_ttl, { "Time to live", "dns.resp.ttl", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, "Response TTL" } },
  { &hf_resp_len, { "Data length", "dns.resp.len", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Response Length" } },
  { &hf_a, { "Address", "dns.a", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, "Response Address" } },
  { &hf_aaaa, { "AAAA Address", "dns.aaaa", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, "AAAA Response Address" } },
  { &hf_cname, { "CNAME", "dns.cname", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Response Primary Name" } },
  { &hf_udp_payload_size, { "UDP payload size", "dns.rr.udp_payload_size", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_soa_mname, { "Primary name server", "dns.soa.mname", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_soa_rname, { "Responsible authority's mailbox", "dns.soa.rname", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_soa_serial, { "Serial Number", "dns.soa.serial_number", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_soa_refresh, { "Refresh Interval", "dns.soa.refresh_interval", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_soa_retry, { "Retry Interval", "dns.soa.retry_interval", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_soa_expire, { "Expire limit", "dns.soa.expire_limit", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_soa_minimum, { "Minimum TTL", "dns.soa.minimum_ttl", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ptr, { "Domain Name", "dns.ptr.domain_name", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_mx_pref, { "Preference", "dns.mx.preference", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_mx_exchange, { "Mail Exchange", "dns.mx.mail_exchange", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_txt_len, { "TXT Length", "dns.txt.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_txt, { "TXT", "dns.txt", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_spf_len, { "SPF Length", "dns.spf.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_spf, { "SPF", "dns.spf", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ns, { "Name Server", "dns.ns", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt, { "Option", "dns.opt", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_code, { "Option Code", "dns.opt.code", REMORA_FT_UINT16, REMORA_BASE_DEC, opt_code_vals, 0, NULL } },
  { &hf_opt_len, { "Option Length", "dns.opt.len", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_data, { "Option Data", "dns.opt.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_cookie_client, { "Client Cookie", "dns.opt.cookie.client", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_cookie_server, { "Server Cookie", "dns.opt.cookie.server", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_count_queries, { "Questions", "dns.count.queries", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Number of queries in packet" } },
  { &hf_count_zones, { "Zones", "dns.count.zones", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Number of zones in packet" } },
  { &hf_count_answers, { "Answer RRs", "dns.count.answers", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Number of answers in packet" } },
  { &hf_count_prereq, { "Prerequisites", "dns.count.prerequisites", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                        "Number of prerequisites in packet" } },
  { &hf_count_auth, { "Authority RRs", "dns.count.auth_rr", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                      "Number of authoritative records in packet" } },
  { &hf_count_updates, { "Updates", "dns.count.updates", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                         "Number of updates records in packet" } },
  { &hf_response_in, { "Response In", "dns.response_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0,
                       "The response to this DNS query is in this frame" } },
  { &hf_response_to, { "Request In", "dns.response_to", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0,
                       "This is a response to the DNS query in this frame" } },
  { &hf_retransmission, { "Retransmission", "dns.retransmission", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, &tfs_true_false, 0,
                          "This is a retransmission" } },
  { &hf_retransmit_request_in, { "Retransmitted request. Original request in", "dns.retransmit_request_in",
                                 REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "This is a retransmitted DNS query" } },
  { &hf_retransmit_response_in, { "Retransmitted response. Original response in", "dns.retransmit_response_in",
                                  REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, "This is a retransmitted DNS response" } },
  { &hf_time, { "Time", "dns.time", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0,
                "The time between the Query and the Response" } },
  { &hf_unsolicited, { "Unsolicited", "dns.unsolicited", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, &tfs_true_false, 0,
                       "This is an unsolicited response" } },
  { &hf_count_add, { "Additional RRs", "dns.count.add_rr", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                     "Number of additional records in packet" } },
  { &hf_data, { "Data", "dns.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_extraneous, { "Extraneous data", "dns.extraneous", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_extraneous_data, { "Extraneous Data Bytes", "dns.extraneous.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_extraneous_length, { "Extraneous Data Length", "dns.extraneous.length", REMORA_FT_INT32, REMORA_BASE_DEC, NULL, 0, NULL } },
};

/* ---- helpers ---- */

static const char *
type_short_name (guint16 type, char *buf, gsize size)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dns_types); i++)
    if (dns_types[i].value == type)
      return dns_types[i].short_name;
  g_snprintf (buf, size, "Unknown (%u)", type);
  return buf;
}

static const char *
class_short_name (guint16 klass)
{
  const char *name = remora_value_string_lookup (class_vals, klass);

  return name != NULL ? name : "Unknown";
}

/* "1 day, 1 minute, 1 second", as Wireshark spells out durations. */
static void
append_duration (GString *out, guint32 secs)
{
  static const struct { guint32 size; const char *unit; } units[] = {
    { 86400, "day" }, { 3600, "hour" }, { 60, "minute" }, { 1, "second" },
  };
  gboolean any = FALSE;

  if (secs == 0)
    {
      g_string_append (out, "0 seconds");
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      guint32 n = secs / units[i].size;

      secs %= units[i].size;
      if (n == 0)
        continue;
      g_string_append_printf (out, "%s%u %s%s", any ? ", " : "", n, units[i].unit, n == 1 ? "" : "s");
      any = TRUE;
    }
}

static void
append_duration_to_item (RemoraPacket *pkt, RemoraItem it, guint32 secs)
{
  GString *s;

  if (it == 0 || !pkt->tree_mode)
    return;
  s = g_string_new (NULL);
  append_duration (s, secs);
  remora_item_append_text (pkt, it, " (%s)", s->str);
  g_string_free (s, TRUE);
}

static RemoraItem
add_name (RemoraPacket *pkt, RemoraItem parent, int hf, const RemoraTvb *msg,
          guint32 offset, const RemoraDnsName *name)
{
  return remora_add_string (pkt, parent, hf, msg, offset, name->used, name->text, name->text_len);
}

/* ---- request / response matching ---- */

/* A transaction: a query and the first response with the same id on the
 * same transport stream.  The stream stands for the endpoints (each stream
 * is one pair of addresses and ports), so a key is one number:
 *
 *   stream << 32 | id << 16 | over TCP << 15 | is_mdns << 14
 *
 * Transactions are numbered in the order of their queries' frames; the
 * index finds the newest one of a key.  A redissected message works out
 * what the first pass found where it can: a query that opened its frame's
 * first transaction finds it by frame number, a response the newest
 * transaction of its key if that one's response is this frame (or, once a
 * newer query took the key, through the replaced table).  Anything else
 * is a record in the frame log.  A lookup costs about 20 bytes here and
 * 20 in UDP's stream table, where it was over 400. */
typedef struct {
  guint32 stream;       /* the key's parts */
  guint32 req_frame;
  guint32 req_ts;       /* in DnsState.times */
  guint16 id;
  guint16 rep;          /* over TCP << 15 | is_mdns << 14 | response frame - req_frame
                         * (0: none yet, REP_FAR: in DnsState.far_rep) */
} DnsTrans;

#define REP_MASK 0x3fffu
#define REP_FAR  REP_MASK

enum { MATCH_NONE, MATCH_REQUEST, MATCH_RESPONSE, MATCH_RETRANS_REQUEST, MATCH_RETRANS_RESPONSE, MATCH_UNSOLICITED };

/* What the first pass found for one message of one frame. */
typedef struct {
  guint8    kind;
  guint32   other;      /* the original's frame for retransmissions, the request's for responses */
  gint64    time_ns;
  guint32   response_in;/* requests dissected again: the response's frame */
} DnsFrameInfo;

/* A response whose transaction a newer query of the same key replaced:
 * the key no longer leads to it. */
typedef struct {
  guint64 key;
  guint32 frame;
} DnsAnsweredKey;

typedef struct {
  RemoraChunkArray  *trans;      /* DnsTrans */
  RemoraTimeColumn  *times;
  GHashTable        *far_rep;    /* transaction + 1 -> response frame, when REP_FAR */
  RemoraRecordIndex *index;      /* key -> newest transaction of the key */
  /* Revisiting sessions only.  Records, keyed by message index:
   *
   *   varint kind
   *   REQUEST, RESPONSE:  varint distance from the frame's first
   *                       transaction (see frame_first) to the message's
   *   RETRANS_*:          varint frame - other */
  RemoraFrameLog    *log;
  GHashTable        *replaced;   /* DnsAnsweredKey -> transaction + 1 */
  guint32            cur_frame;  /* the frame being dissected first */
  guint32            cur_first;  /* number of its first transaction (or of the next one) */
  guint32            cur_seen[8];/* message indexes matched in it */
} DnsState;

/* Bound on the open transactions of a single-pass run. */
#define DNS_MAX_TRANSACTIONS 200000

/* Matching runs over UDP and TCP only, so a bit tells them apart. */
static guint64
trans_key (RemoraPacket *pkt, gboolean is_mdns, guint16 id)
{
  return (guint64) pkt->stream_index << 32 | (guint64) id << 16 | (pkt->ptype == REMORA_PT_TCP ? 0x8000 : 0) |
         (is_mdns ? 0x4000 : 0);
}

static guint64
key_of (const DnsTrans *t)
{
  return (guint64) t->stream << 32 | (guint64) t->id << 16 | (t->rep & ~REP_MASK);
}

static guint32
rep_frame (DnsState *state, guint32 number, const DnsTrans *t)
{
  guint32 d = t->rep & REP_MASK;

  if (d == REP_FAR)
    return GPOINTER_TO_UINT (g_hash_table_lookup (state->far_rep, GUINT_TO_POINTER (number + 1)));
  return d != 0 ? t->req_frame + d : 0;
}

static void
set_rep_frame (DnsState *state, guint32 number, DnsTrans *t, guint32 frame)
{
  guint32 d = frame - t->req_frame;

  t->rep &= ~REP_MASK;
  g_hash_table_remove (state->far_rep, GUINT_TO_POINTER (number + 1));
  if (frame == 0)
    return;
  if (d < REP_FAR)
    t->rep |= d;
  else
    {
      t->rep |= REP_FAR;
      g_hash_table_insert (state->far_rep, GUINT_TO_POINTER (number + 1), GUINT_TO_POINTER (frame));
    }
}

static guint
trans_hash (guint64 key)
{
  return remora_record_hash_mix (key);
}

static guint
trans_rehash (gpointer user_data, guint32 index)
{
  DnsState *state = user_data;
  const DnsTrans *t = remora_chunk_array_get (state->trans, index);

  return trans_hash (key_of (t));
}

static gboolean
trans_match (gpointer user_data, guint32 index, gconstpointer key)
{
  DnsState *state = user_data;
  const DnsTrans *t = remora_chunk_array_get (state->trans, index);

  return key_of (t) == *(const guint64 *) key;
}

static guint
answered_hash (gconstpointer p)
{
  const DnsAnsweredKey *k = p;

  return remora_record_hash_mix (k->key ^ (guint64) k->frame * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
}

static gboolean
answered_equal (gconstpointer a, gconstpointer b)
{
  const DnsAnsweredKey *x = a, *y = b;

  return x->key == y->key && x->frame == y->frame;
}

static void
dns_state_reset (DnsState *state)
{
  remora_record_index_free (state->index);
  remora_chunk_array_free (state->trans);
  remora_time_column_free (state->times);
  if (state->far_rep != NULL)
    g_hash_table_unref (state->far_rep);
  state->trans = remora_chunk_array_new (sizeof (DnsTrans));
  state->times = remora_time_column_new ();
  state->far_rep = g_hash_table_new (NULL, NULL);
  state->index = remora_record_index_new (trans_rehash, state);
}

static void
dns_state_free (gpointer data)
{
  DnsState *state = data;

  remora_record_index_free (state->index);
  remora_chunk_array_free (state->trans);
  remora_time_column_free (state->times);
  g_hash_table_unref (state->far_rep);
  remora_frame_log_free (state->log);
  if (state->replaced != NULL)
    g_hash_table_unref (state->replaced);
  g_free (state);
}

static DnsState *
get_state (RemoraPacket *pkt)
{
  DnsState *state = remora_session_get_proto_data (pkt->session, proto_dns);

  if (state == NULL)
    {
      state = g_new0 (DnsState, 1);
      dns_state_reset (state);
      remora_session_set_proto_data (pkt->session, proto_dns, state, dns_state_free);
    }
  return state;
}

/* The number of the first transaction whose query is in FRAME or later. */
static guint32
frame_first (DnsState *state, guint32 frame)
{
  guint32 lo = 0, hi = remora_chunk_array_length (state->trans);

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      const DnsTrans *t = remora_chunk_array_get (state->trans, mid);

      if (t->req_frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
keep_last (const guint8 *data, gsize len, gpointer user_data)
{
  RemoraPackReader *r = user_data;

  remora_unpack_init (r, data, len);
  return TRUE;
}

static DnsFrameInfo
response_info (RemoraPacket *pkt, DnsState *state, guint32 number)
{
  const DnsTrans *t = remora_chunk_array_get (state->trans, number);
  DnsFrameInfo info = { MATCH_RESPONSE, t->req_frame, 0, 0 };

  info.time_ns = pkt->frame->ts_ns - remora_time_column_decode (state->times, number, t->req_ts);
  return info;
}

/* What the first pass found for message MSG_INDEX of this frame.  When the
 * same message index was matched twice (a frame completing one TCP PDU and
 * carrying another), the later answer is the one both show. */
static DnsFrameInfo
revisit_message (RemoraPacket *pkt, DnsState *state, guint64 key, gboolean is_response, guint8 msg_index)
{
  guint32 frame = pkt->frame->number, n = remora_chunk_array_length (state->trans);
  DnsFrameInfo info = { 0 };
  RemoraPackReader r = { NULL, NULL, TRUE };
  DnsTrans *t;

  if (state->log != NULL)
    remora_frame_log_foreach (state->log, frame, msg_index, keep_last, &r);
  if (r.bad && !is_response)
    {
      /* a query that opened the frame's first transaction */
      guint32 first = frame_first (state, frame);

      if (msg_index != 0 || first >= n)
        return info;
      t = remora_chunk_array_get (state->trans, first);
      if (t->req_frame != frame)
        return info;
      info.kind = MATCH_REQUEST;
      info.response_in = rep_frame (state, first, t);
      return info;
    }
  if (r.bad)
    {
      /* a response to the newest transaction of its key, or to one a
       * newer query replaced */
      guint32 *slot = remora_record_index_lookup (state->index, trans_hash (key), trans_match, &key);
      DnsAnsweredKey ak = { key, frame };
      gpointer old;

      t = slot != NULL ? remora_chunk_array_get (state->trans, *slot) : NULL;
      if (t != NULL && rep_frame (state, *slot, t) == frame && t->req_frame < frame)
        return response_info (pkt, state, *slot);
      old = state->replaced != NULL ? g_hash_table_lookup (state->replaced, &ak) : NULL;
      if (old != NULL)
        return response_info (pkt, state, GPOINTER_TO_UINT (old) - 1);
      return info;
    }

  info.kind = (guint8) remora_unpack_u32 (&r);
  switch (info.kind)
    {
    case MATCH_REQUEST:
    case MATCH_RESPONSE:
      {
        guint32 first = frame_first (state, frame);
        guint32 d = remora_unpack_u32 (&r);
        guint32 i = info.kind == MATCH_REQUEST ? first + d : first - d;

        if (r.bad || i >= n)
          return (DnsFrameInfo) { 0 };
        if (info.kind == MATCH_RESPONSE)
          return response_info (pkt, state, i);
        info.response_in = rep_frame (state, i, remora_chunk_array_get (state->trans, i));
      }
      break;
    case MATCH_RETRANS_REQUEST:
    case MATCH_RETRANS_RESPONSE:
      info.other = frame - remora_unpack_u32 (&r);
      break;
    default:
      break;
    }
  return info;
}

/* Writes what a redissection of the message could not work out. */
static void
record_message (RemoraPacket *pkt, DnsState *state, guint8 msg_index, const DnsFrameInfo *info,
                guint32 trans_number, gboolean first_of_frame)
{
  guint32 frame = pkt->frame->number;
  gboolean seen = (state->cur_seen[msg_index / 32] >> (msg_index % 32)) & 1;
  RemoraPackWriter w;

  state->cur_seen[msg_index / 32] |= 1u << (msg_index % 32);
  if (!seen && ((info->kind == MATCH_REQUEST && msg_index == 0 && first_of_frame) || info->kind == MATCH_RESPONSE))
    return;

  remora_pack_init (&w);
  remora_pack_u32 (&w, info->kind);
  switch (info->kind)
    {
    case MATCH_REQUEST:
      remora_pack_u32 (&w, trans_number - state->cur_first);
      break;
    case MATCH_RESPONSE:
      remora_pack_u32 (&w, state->cur_first - trans_number);
      break;
    case MATCH_RETRANS_REQUEST:
    case MATCH_RETRANS_RESPONSE:
      remora_pack_u32 (&w, frame - info->other);
      break;
    default:
      break;
    }
  if (state->log == NULL)
    state->log = remora_frame_log_new ();
  remora_frame_log_append (state->log, frame, msg_index, w.buf, w.len);
}

static DnsFrameInfo
match_message (RemoraPacket *pkt, gboolean is_mdns, guint16 id, gboolean is_response, guint msg_index)
{
  DnsState *state = get_state (pkt);
  gboolean revisit = remora_session_get_will_revisit (pkt->session);
  guint8 mi = (guint8) MIN (msg_index, 255u);
  guint32 frame = pkt->frame->number;
  guint64 key = trans_key (pkt, is_mdns, id);
  DnsFrameInfo info = { 0 };
  guint32 *slot, number = 0, rep;
  gboolean first_of_frame = FALSE;
  DnsTrans *t;

  if (pkt->visited)
    return revisit_message (pkt, state, key, is_response, mi);

  if (frame != state->cur_frame)
    {
      state->cur_frame = frame;
      state->cur_first = remora_chunk_array_length (state->trans);
      memset (state->cur_seen, 0, sizeof state->cur_seen);
    }

  slot = remora_record_index_lookup (state->index, trans_hash (key), trans_match, &key);
  t = slot != NULL ? remora_chunk_array_get (state->trans, *slot) : NULL;
  rep = t != NULL ? rep_frame (state, *slot, t) : 0;
  if (!is_response)
    {
      if (t != NULL && rep == 0 && t->req_frame != frame)
        {
          info.kind = MATCH_RETRANS_REQUEST;
          info.other = t->req_frame;
        }
      else
        {
          if (remora_record_index_size (state->index) >= DNS_MAX_TRANSACTIONS && !revisit)
            {
              dns_state_reset (state);
              slot = NULL;
              t = NULL;
            }
          if (t != NULL && !revisit)
            {
              /* No frame will look at the old one again: reuse it. */
              number = *slot;
            }
          else
            {
              if (t != NULL && rep != 0)
                {
                  /* Its response can no longer find it by the key. */
                  DnsAnsweredKey *ak = g_new (DnsAnsweredKey, 1);

                  ak->key = key;
                  ak->frame = rep;
                  if (state->replaced == NULL)
                    state->replaced = g_hash_table_new_full (answered_hash, answered_equal, g_free, NULL);
                  g_hash_table_replace (state->replaced, ak, GUINT_TO_POINTER (*slot + 1));
                }
              first_of_frame = remora_chunk_array_length (state->trans) == state->cur_first;
              /* Frames seen before keep their number for the old one. */
              number = remora_chunk_array_append (state->trans, (gpointer *) &t);
              if (slot != NULL)
                *slot = number;
              else
                remora_record_index_insert (state->index, trans_hash (key), number);
            }
          t->stream = pkt->stream_index;
          t->id = id;
          t->rep = (guint16) (key & ~REP_MASK);
          t->req_frame = frame;
          set_rep_frame (state, number, t, 0);
          t->req_ts = remora_time_column_encode (state->times, number, pkt->frame->ts_ns);
          info.kind = MATCH_REQUEST;
        }
    }
  else if (t != NULL && t->req_frame < frame)
    {
      number = *slot;
      if (rep == 0 || rep == frame)
        {
          set_rep_frame (state, number, t, frame);
          info = response_info (pkt, state, number);
        }
      else
        {
          info.kind = MATCH_RETRANS_RESPONSE;
          info.other = rep;
        }
    }
  else
    info.kind = MATCH_UNSOLICITED;

  if (revisit)
    record_message (pkt, state, mi, &info, number, first_of_frame);
  return info;
}

static void
add_match_items (RemoraPacket *pkt, RemoraItem tree, RemoraItem id_item, const RemoraTvb *msg,
                 const DnsFrameInfo *info)
{
  RemoraItem it;

  switch (info->kind)
    {
    case MATCH_REQUEST:
      if (info->response_in != 0 && pkt->visited)
        remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_response_in, msg, 0, 0, info->response_in));
      break;
    case MATCH_RESPONSE:
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_response_to, msg, 0, 0, info->other));
      remora_item_set_generated (pkt, remora_add_time (pkt, tree, hf_time, msg, 0, 0, info->time_ns));
      break;
    case MATCH_RETRANS_REQUEST:
    case MATCH_RETRANS_RESPONSE:
      it = remora_add_uint (pkt, tree, info->kind == MATCH_RETRANS_REQUEST ? hf_retransmit_request_in
                                                                           : hf_retransmit_response_in,
                            msg, 0, 0, info->other);
      remora_item_set_generated (pkt, it);
      it = remora_add_boolean (pkt, tree, hf_retransmission, msg, 0, 0, TRUE);
      remora_item_set_generated (pkt, it);
      remora_add_expert (pkt, id_item, msg, 0, 2, "Warning", "Protocol", "DNS %s retransmission. Original %s in frame %u",
                         info->kind == MATCH_RETRANS_REQUEST ? "query" : "response",
                         info->kind == MATCH_RETRANS_REQUEST ? "request" : "response", info->other);
      break;
    default:
      break;
    }
}

/* ---- messages ---- */

typedef struct {
  gboolean is_mdns;
  GString *summary;     /* tree mode: the record's subtree label */
  guint32  name_budget; /* steps left for names walked through pointers */
} DnsCtx;

static guint32
dissect_query (const RemoraTvb *msg, RemoraPacket *pkt, RemoraItem parent, guint32 offset, DnsCtx *ctx)
{
  RemoraDnsName name;
  guint16 type, klass;
  RemoraItem qt, it;
  char buf[32];
  const char *tname;

  remora_dns_name_read (msg, offset, &ctx->name_budget, &name);
  type = remora_tvb_get_ntohs (msg, offset + name.used);
  klass = remora_tvb_get_ntohs (msg, offset + name.used + 2);
  tname = type_short_name (type, buf, sizeof buf);

  qt = remora_add_text (pkt, parent, msg, offset, name.used + 4, "%s: type %s, class %s%s", name.text, tname,
                        class_short_name (ctx->is_mdns ? klass & 0x7fff : klass),
                        !ctx->is_mdns ? "" : (klass & 0x8000) ? ", \"QU\" question" : ", \"QM\" question");
  add_name (pkt, qt, hf_qry_name, msg, offset, &name);
  it = remora_add_uint (pkt, qt, hf_qry_name_len, msg, offset, name.used, name.raw_len);
  remora_item_set_generated (pkt, it);
  it = remora_add_uint (pkt, qt, hf_count_labels, msg, offset, name.used, name.labels);
  remora_item_set_generated (pkt, it);
  remora_add_item (pkt, qt, hf_qry_type, msg, offset + name.used, 2, REMORA_ENC_BIG_ENDIAN);
  if (ctx->is_mdns)
    {
      remora_add_item (pkt, qt, hf_qry_class_mdns, msg, offset + name.used + 2, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, qt, hf_qry_qu, msg, offset + name.used + 2, 2, REMORA_ENC_BIG_ENDIAN);
    }
  else
    remora_add_item (pkt, qt, hf_qry_class, msg, offset + name.used + 2, 2, REMORA_ENC_BIG_ENDIAN);

  if (pkt->want_columns && pkt->in_error_pkt == 0)
    {
      remora_col_append_info (pkt, " %s %s", tname, name.text);
      if (ctx->is_mdns)
        remora_col_append_info (pkt, (klass & 0x8000) ? ", \"QU\" question" : ", \"QM\" question");
    }
  return name.used + 4;
}

/* Character strings (TXT, SPF): length-prefixed runs filling the data. */
static void
dissect_strings (const RemoraTvb *msg, RemoraPacket *pkt, RemoraItem tree, guint32 off, guint32 end,
                 int hf_len, int hf_str)
{
  while (off < end)
    {
      guint8 len = remora_tvb_get_u8 (msg, off);

      remora_add_item (pkt, tree, hf_len, msg, off, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_str, msg, off + 1, len, REMORA_ENC_ASCII);
      off += 1u + len;
    }
}

static void
dissect_opt_rdata (const RemoraTvb *msg, RemoraPacket *pkt, RemoraItem tree, guint32 off, guint32 end)
{
  while (off < end)
    {
      guint16 code = remora_tvb_get_ntohs (msg, off);
      guint16 len = remora_tvb_get_ntohs (msg, off + 2);
      const char *name = remora_value_string_lookup (opt_code_vals, code);
      RemoraItem ot;

      ot = remora_add_item (pkt, tree, hf_opt, msg, off, 4u + len, REMORA_ENC_NA);
      if (pkt->tree_mode)
        {
          if (name != NULL)
            remora_item_set_text (pkt, ot, "Option: %s", name);
          else
            remora_item_set_text (pkt, ot, "Option: Unknown (%u)", code);
        }
      remora_add_item (pkt, ot, hf_opt_code, msg, off, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, ot, hf_opt_len, msg, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
      if (len > 0)
        remora_add_item (pkt, ot, hf_opt_data, msg, off + 4, len, REMORA_ENC_NA);
      if (code == 10 && len >= 8)
        {
          remora_add_item (pkt, ot, hf_cookie_client, msg, off + 4, 8, REMORA_ENC_NA);
          if (len > 8)
            remora_add_item (pkt, ot, hf_cookie_server, msg, off + 12, len - 8u, REMORA_ENC_NA);
          else
            remora_add_text (pkt, ot, msg, off + 12, 0, "Server Cookie: <MISSING>");
        }
      off += 4u + len;
    }
}

static guint32
dissect_rr (const RemoraTvb *msg, RemoraPacket *pkt, RemoraItem parent, guint32 offset, DnsCtx *ctx)
{
  RemoraDnsName name, rname;
  guint16 type, klass, rdlen;
  guint32 ttl, off, rd, end;
  RemoraItem rt, it;
  char buf[32];
  const char *tname;
  gboolean cache_flush;
  GString *sum = NULL, *info = NULL;
  gboolean cols = pkt->want_columns && pkt->in_error_pkt == 0;

  remora_dns_name_read (msg, offset, &ctx->name_budget, &name);
  off = offset + name.used;
  type = remora_tvb_get_ntohs (msg, off);
  klass = remora_tvb_get_ntohs (msg, off + 2);
  ttl = remora_tvb_get_ntohl (msg, off + 4);
  rdlen = remora_tvb_get_ntohs (msg, off + 8);
  rd = off + 10;
  end = rd + rdlen;
  tname = type_short_name (type, buf, sizeof buf);
  cache_flush = ctx->is_mdns && (klass & 0x8000) != 0;

  /* A record running past the message shows nothing of itself, as in
   * Wireshark, whose subtree for it is what throws. */
  remora_tvb_ensure (msg, offset, name.used + 10u + rdlen);
  rt = remora_add_text (pkt, parent, msg, offset, name.used + 10u + rdlen, "%s", name.text);
  if (pkt->tree_mode)
    {
      sum = g_string_new (NULL);
      g_string_printf (sum, "%s: type %s", name.text, tname);
      if (type != 41)
        g_string_append_printf (sum, ", class %s%s", class_short_name (ctx->is_mdns ? klass & 0x7fff : klass),
                                cache_flush ? ", cache flush" : "");
    }
  if (cols)
    {
      info = g_string_new (NULL);
      g_string_printf (info, " %s%s", tname, cache_flush ? ", cache flush" : "");
    }

  if (type == 33 && name.status == REMORA_DNS_NAME_OK && (pkt->tree_mode || remora_wants (pkt, hf_srv_service) ||
                                                         remora_wants (pkt, hf_srv_proto) || remora_wants (pkt, hf_srv_name)))
    {
      /* _service._proto.name, split at its first two dots */
      const char *d1 = strchr (name.text, '.');
      const char *d2 = d1 != NULL ? strchr (d1 + 1, '.') : NULL;

      if (d2 != NULL)
        {
          remora_add_string (pkt, rt, hf_srv_service, msg, offset, name.used, name.text, d1 - name.text);
          remora_add_string (pkt, rt, hf_srv_proto, msg, offset, name.used, d1 + 1, d2 - d1 - 1);
          remora_add_string (pkt, rt, hf_srv_name, msg, offset, name.used, d2 + 1, -1);
        }
      else
        add_name (pkt, rt, hf_resp_name, msg, offset, &name);
    }
  else
    add_name (pkt, rt, hf_resp_name, msg, offset, &name);
  remora_add_item (pkt, rt, hf_resp_type, msg, off, 2, REMORA_ENC_BIG_ENDIAN);

  if (type == 41)
    {
      remora_add_item (pkt, rt, hf_udp_payload_size, msg, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, rt, hf_ext_rcode, msg, off + 4, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, rt, hf_edns0_version, msg, off + 5, 1, REMORA_ENC_BIG_ENDIAN);
      it = remora_add_item (pkt, rt, hf_resp_z, msg, off + 6, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, it, hf_resp_z_do, msg, off + 6, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, it, hf_resp_z_reserved, msg, off + 6, 2, REMORA_ENC_BIG_ENDIAN);
    }
  else
    {
      if (ctx->is_mdns)
        {
          remora_add_item (pkt, rt, hf_resp_class_mdns, msg, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, rt, hf_resp_cache_flush, msg, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
        }
      else
        remora_add_item (pkt, rt, hf_resp_class, msg, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
      it = remora_add_item (pkt, rt, hf_resp_ttl, msg, off + 4, 4, REMORA_ENC_BIG_ENDIAN);
      append_duration_to_item (pkt, it, ttl);
      if (ttl & 0x80000000u)
        remora_add_expert (pkt, it, msg, off + 4, 4, "Warning", "Protocol",
                           "The uppermost bit of the TTL is set (RFC 2181, section 8)");
    }
  remora_add_item (pkt, rt, hf_resp_len, msg, off + 8, 2, REMORA_ENC_BIG_ENDIAN);

  switch (type)
    {
    case 1:   /* A */
      if (rdlen >= 4)
        {
          guint32 addr = remora_tvb_get_ntohl (msg, rd);

          remora_add_ipv4 (pkt, rt, hf_a, msg, rd, 4, addr);
          if (sum != NULL || info != NULL)
            {
              GString *a = g_string_new (NULL);
              remora_format_ipv4 (addr, a);
              if (sum)
                g_string_append_printf (sum, ", addr %s", a->str);
              if (info)
                g_string_append_printf (info, " %s", a->str);
              g_string_free (a, TRUE);
            }
        }
      break;

    case 28:  /* AAAA */
      if (rdlen >= 16)
        {
          const guint8 *addr = remora_tvb_get_ptr (msg, rd, 16);

          remora_add_ipv6 (pkt, rt, hf_aaaa, msg, rd, 16, addr);
          if (sum != NULL || info != NULL)
            {
              GString *a = g_string_new (NULL);
              remora_format_ipv6 (addr, a);
              if (sum)
                g_string_append_printf (sum, ", addr %s", a->str);
              if (info)
                g_string_append_printf (info, " %s", a->str);
              g_string_free (a, TRUE);
            }
        }
      break;

    case 2:   /* NS */
    case 5:   /* CNAME */
    case 12:  /* PTR */
      remora_dns_name_read (msg, rd, &ctx->name_budget, &rname);
      add_name (pkt, rt, type == 2 ? hf_ns : type == 5 ? hf_cname : hf_ptr, msg, rd, &rname);
      if (sum)
        g_string_append_printf (sum, ", %s%s", type == 2 ? "ns " : type == 5 ? "cname " : "", rname.text);
      if (info)
        g_string_append_printf (info, " %s", rname.text);
      break;

    case 15:  /* MX */
      {
        guint16 pref = remora_tvb_get_ntohs (msg, rd);

        remora_add_item (pkt, rt, hf_mx_pref, msg, rd, 2, REMORA_ENC_BIG_ENDIAN);
        remora_dns_name_read (msg, rd + 2, &ctx->name_budget, &rname);
        add_name (pkt, rt, hf_mx_exchange, msg, rd + 2, &rname);
        if (sum)
          g_string_append_printf (sum, ", preference %u, mx %s", pref, rname.text);
        if (info)
          g_string_append_printf (info, " %u %s", pref, rname.text);
      }
      break;

    case 6:   /* SOA */
      {
        guint32 p = rd;

        remora_dns_name_read (msg, p, &ctx->name_budget, &rname);
        add_name (pkt, rt, hf_soa_mname, msg, p, &rname);
        if (sum)
          g_string_append_printf (sum, ", mname %s", rname.text);
        if (info)
          g_string_append_printf (info, " %s", rname.text);
        p += rname.used;
        remora_dns_name_read (msg, p, &ctx->name_budget, &rname);
        add_name (pkt, rt, hf_soa_rname, msg, p, &rname);
        p += rname.used;
        remora_add_item (pkt, rt, hf_soa_serial, msg, p, 4, REMORA_ENC_BIG_ENDIAN);
        it = remora_add_item (pkt, rt, hf_soa_refresh, msg, p + 4, 4, REMORA_ENC_BIG_ENDIAN);
        append_duration_to_item (pkt, it, remora_tvb_get_ntohl (msg, p + 4));
        it = remora_add_item (pkt, rt, hf_soa_retry, msg, p + 8, 4, REMORA_ENC_BIG_ENDIAN);
        append_duration_to_item (pkt, it, remora_tvb_get_ntohl (msg, p + 8));
        it = remora_add_item (pkt, rt, hf_soa_expire, msg, p + 12, 4, REMORA_ENC_BIG_ENDIAN);
        append_duration_to_item (pkt, it, remora_tvb_get_ntohl (msg, p + 12));
        it = remora_add_item (pkt, rt, hf_soa_minimum, msg, p + 16, 4, REMORA_ENC_BIG_ENDIAN);
        append_duration_to_item (pkt, it, remora_tvb_get_ntohl (msg, p + 16));
      }
      break;

    case 16:  /* TXT */
      dissect_strings (msg, pkt, rt, rd, end, hf_txt_len, hf_txt);
      break;

    case 99:  /* SPF */
      dissect_strings (msg, pkt, rt, rd, end, hf_spf_len, hf_spf);
      break;

    case 33:  /* SRV */
      {
        guint16 prio = remora_tvb_get_ntohs (msg, rd);
        guint16 weight = remora_tvb_get_ntohs (msg, rd + 2);
        guint16 port = remora_tvb_get_ntohs (msg, rd + 4);

        remora_add_item (pkt, rt, hf_srv_priority, msg, rd, 2, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, rt, hf_srv_weight, msg, rd + 2, 2, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, rt, hf_srv_port, msg, rd + 4, 2, REMORA_ENC_BIG_ENDIAN);
        remora_dns_name_read (msg, rd + 6, &ctx->name_budget, &rname);
        add_name (pkt, rt, hf_srv_target, msg, rd + 6, &rname);
        if (sum)
          g_string_append_printf (sum, ", priority %u, weight %u, port %u, target %s", prio, weight, port, rname.text);
        if (info)
          g_string_append_printf (info, " %u %u %u %s", prio, weight, port, rname.text);
      }
      break;

    case 41:  /* OPT */
      dissect_opt_rdata (msg, pkt, rt, rd, end);
      break;

    default:
      if (rdlen > 0)
        {
          if (!g_ascii_isalpha (tname[0]) || g_str_has_prefix (tname, "Unknown"))
            remora_add_expert (pkt, rt, msg, rd, rdlen, "Note", "Undecoded",
                               "Dissector for DNS Type (%u) code not implemented, "
                               "Contact Wireshark developers if you want this supported", type);
          remora_add_item (pkt, rt, hf_data, msg, rd, rdlen, REMORA_ENC_NA);
        }
      break;
    }

  if (sum != NULL)
    {
      remora_item_set_text (pkt, rt, "%s", sum->str);
      g_string_free (sum, TRUE);
    }
  if (info != NULL)
    {
      remora_col_append_info (pkt, "%s", info->str);
      g_string_free (info, TRUE);
    }
  return name.used + 10u + rdlen;
}

static const char *const section_titles[2][4] = {
  { "Queries", "Answers", "Authoritative nameservers", "Additional records" },
  { "Zone", "Prerequisites", "Updates", "Additional records" },
};

/* One DNS message: MSG starts at its header.  OUTER is the view the
 * protocol item covers (with TCP's length prefix). */
static void
dissect_message (const RemoraTvb *msg, const RemoraTvb *outer, RemoraPacket *pkt, RemoraItem parent,
                 gboolean is_mdns, gboolean is_tcp, guint msg_index)
{
  int proto = is_mdns ? proto_mdns : proto_dns;
  guint32 total = remora_tvb_reported_remaining (outer, 0);
  guint16 id, flags, counts[4];
  guint opcode, rcode;
  gboolean response, update, cols = pkt->want_columns && pkt->in_error_pkt == 0;
  RemoraItem tree, ft, id_item;
  const char *opname, *rcname;
  DnsCtx ctx = { is_mdns, NULL, REMORA_DNS_NAME_WALK_BUDGET };
  DnsFrameInfo match = { 0 };
  guint32 off;

  id = remora_tvb_get_ntohs (msg, 0);
  flags = remora_tvb_get_ntohs (msg, 2);
  response = (flags & 0x8000) != 0;
  opcode = (flags >> 11) & 0xf;
  rcode = flags & 0xf;
  update = opcode == 5;
  opname = remora_value_string_lookup (opcode_vals, opcode);
  rcname = remora_value_string_lookup (rcode_vals, rcode);

  tree = remora_add_protocol (pkt, parent, proto, outer, 0, total);
  remora_item_append_text (pkt, tree, " (%s)", response ? "response" : "query");
  if (cols)
    {
      if (msg_index > 0)
        remora_col_append_info (pkt, "; ");
      if (opname != NULL)
        remora_col_append_info (pkt, "%s%s 0x%04x", opname, response ? " response" : "", id);
      else
        remora_col_append_info (pkt, "Unknown operation (%u)%s 0x%04x", opcode, response ? " response" : "", id);
      if (response && rcode != 0)
        {
          if (rcname != NULL)
            remora_col_append_info (pkt, " %s", rcname);
          else
            remora_col_append_info (pkt, " Unknown error (%u)", rcode);
        }
    }

  if (is_tcp)
    remora_add_item (pkt, tree, hf_length, outer, 0, 2, REMORA_ENC_BIG_ENDIAN);
  id_item = remora_add_item (pkt, tree, hf_id, msg, 0, 2, REMORA_ENC_BIG_ENDIAN);
  ft = remora_add_item (pkt, tree, hf_flags, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  if (pkt->tree_mode)
    {
      remora_item_append_text (pkt, ft, " %s%s", opname != NULL ? opname : "Unknown operation",
                               response ? " response" : "");
      if (response)
        remora_item_append_text (pkt, ft, ", %s", rcname != NULL ? rcname : "Unknown error");
    }
  remora_add_item (pkt, ft, hf_flags_response, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ft, hf_flags_opcode, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  if (response)
    remora_add_item (pkt, ft, hf_flags_authoritative, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ft, hf_flags_truncated, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ft, hf_flags_recdesired, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  if (response)
    remora_add_item (pkt, ft, hf_flags_recavail, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ft, hf_flags_z, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  if (response)
    remora_add_item (pkt, ft, hf_flags_authenticated, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  else if (flags & 0x0020)
    remora_add_item (pkt, ft, hf_flags_ad, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ft, hf_flags_checkdisable, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);
  if (response)
    remora_add_item (pkt, ft, hf_flags_rcode, msg, 2, 2, REMORA_ENC_BIG_ENDIAN);

  for (guint i = 0; i < 4; i++)
    counts[i] = remora_tvb_get_ntohs (msg, 4 + 2 * i);
  remora_add_item (pkt, tree, update ? hf_count_zones : hf_count_queries, msg, 4, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, update ? hf_count_prereq : hf_count_answers, msg, 6, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, update ? hf_count_updates : hf_count_auth, msg, 8, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_count_add, msg, 10, 2, REMORA_ENC_BIG_ENDIAN);

  /* The links are found before the records are read, so that a message
   * cut short still counts as the request or response it is. */
  if (pkt->in_error_pkt == 0 && (pkt->ptype == REMORA_PT_UDP || pkt->ptype == REMORA_PT_TCP))
    match = match_message (pkt, is_mdns, id, response, msg_index);

  off = 12;
  for (guint s = 0; s < 4; s++)
    {
      RemoraItem st;
      guint32 start = off;

      if (counts[s] == 0)
        continue;
      st = remora_add_text (pkt, tree, msg, off, 0, "%s", section_titles[update][s]);
      for (guint i = 0; i < counts[s]; i++)
        off += s == 0 ? dissect_query (msg, pkt, st, off, &ctx) : dissect_rr (msg, pkt, st, off, &ctx);
      remora_item_set_len (pkt, st, off - start);
    }

  if (off < remora_tvb_reported_remaining (msg, 0))
    {
      guint32 extra = remora_tvb_reported_remaining (msg, off);
      RemoraItem et = remora_add_item (pkt, tree, hf_extraneous, msg, off, extra, REMORA_ENC_NA);

      remora_item_set_text (pkt, et, "Extraneous Data (%u bytes)", extra);
      remora_add_item (pkt, et, hf_extraneous_data, msg, off, extra, REMORA_ENC_NA);
      remora_item_set_generated (pkt, remora_add_int (pkt, et, hf_extraneous_length, msg, off, extra, extra));
    }

  add_match_items (pkt, tree, id_item, msg, &match);
}

static int
dissect_dns_udp (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 void            *data)
{
  (void) data;
  remora_col_set_protocol (pkt, "DNS");
  if (pkt->in_error_pkt == 0)
    remora_col_clear_info (pkt);
  dissect_message (tvb, tvb, pkt, tree, FALSE, FALSE, 0);
  return (int) remora_tvb_reported_remaining (tvb, 0);
}

static int
dissect_mdns (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  (void) data;
  remora_col_set_protocol (pkt, "MDNS");
  if (pkt->in_error_pkt == 0)
    remora_col_clear_info (pkt);
  dissect_message (tvb, tvb, pkt, tree, TRUE, FALSE, 0);
  return (int) remora_tvb_reported_remaining (tvb, 0);
}

/* DNS over TCP: each message behind a 2-byte length (RFC 1035 4.2.2);
 * a segment may hold several, or part of one. */
static int
dissect_dns_tcp (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 void            *data)
{
  guint32 reported = remora_tvb_reported_remaining (tvb, 0);
  guint32 off = 0;
  guint index = 0;

  (void) data;
  while (off < reported)
    {
      guint32 avail = reported - off;
      guint32 plen;
      RemoraTvb outer, msg;

      if (avail < 2 && pkt->can_desegment)
        {
          pkt->desegment_offset = off;
          pkt->desegment_len = REMORA_DESEGMENT_ONE_MORE_SEGMENT;
          break;
        }
      plen = remora_tvb_get_ntohs (tvb, off);
      if (avail < 2 + plen && pkt->can_desegment)
        {
          pkt->desegment_offset = off;
          pkt->desegment_len = 2 + plen - avail;
          break;
        }
      if (index == 0)
        {
          remora_col_set_protocol (pkt, "DNS");
          if (pkt->in_error_pkt == 0)
            remora_col_clear_info (pkt);
        }
      remora_tvb_subset_length (&outer, tvb, off, 2 + plen);
      remora_tvb_subset_length (&msg, &outer, 2, plen);
      dissect_message (&msg, &outer, pkt, tree, FALSE, TRUE, index);
      off += 2 + plen;
      index++;
    }
  return (int) reported;
}

void
remora_register_dns (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dns_types); i++)
    {
      type_vals[i].value = dns_types[i].value;
      type_vals[i].name = dns_types[i].name;
    }
  proto_dns = remora_proto_register ("Domain Name System", "DNS", "dns");
  proto_mdns = remora_proto_register ("Multicast Domain Name System", "mDNS", "mdns");
  remora_fields_register (proto_dns, dns_fields, G_N_ELEMENTS (dns_fields));
  remora_dissector_register ("dns", proto_dns, dissect_dns_udp);
  remora_dissector_register ("dns.tcp", proto_dns, dissect_dns_tcp);
  remora_dissector_register ("mdns", proto_mdns, dissect_mdns);
}

void
remora_handoff_dns (void)
{
  remora_table_add_uint ("udp.port", 53, remora_dissector_find ("dns"));
  remora_table_add_uint ("tcp.port", 53, remora_dissector_find ("dns.tcp"));
  remora_table_add_uint ("udp.port", 5353, remora_dissector_find ("mdns"));
}
