/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tls"

#include "config.h"

#include "remora-tls-handshake.h"

#include <string.h>

/* TLS handshake messages and hello extensions (RFC 5246, RFC 8446 and the
 * IANA registries).  Nothing here decrypts: messages sent after a
 * ChangeCipherSpec are shown as opaque "Encrypted Handshake Message". */

/* Value names as tshark 4.0 shows them (`tshark -G values`). */

static const RemoraValueString tls_version_vals[] = {
  { 0x0002, "SSL 2.0" },
  { 0x0300, "SSL 3.0" },
  { 0x0301, "TLS 1.0" },
  { 0x0101, "GMTLS" },
  { 0x0302, "TLS 1.1" },
  { 0x0303, "TLS 1.2" },
  { 0x0304, "TLS 1.3" },
  { 0x7f0e, "TLS 1.3 (draft 14)" },
  { 0x7f0f, "TLS 1.3 (draft 15)" },
  { 0x7f10, "TLS 1.3 (draft 16)" },
  { 0x7f11, "TLS 1.3 (draft 17)" },
  { 0x7f12, "TLS 1.3 (draft 18)" },
  { 0x7f13, "TLS 1.3 (draft 19)" },
  { 0x7f14, "TLS 1.3 (draft 20)" },
  { 0x7f15, "TLS 1.3 (draft 21)" },
  { 0x7f16, "TLS 1.3 (draft 22)" },
  { 0x7f17, "TLS 1.3 (draft 23)" },
  { 0x7f18, "TLS 1.3 (draft 24)" },
  { 0x7f19, "TLS 1.3 (draft 25)" },
  { 0x7f1a, "TLS 1.3 (draft 26)" },
  { 0x7f1b, "TLS 1.3 (draft 27)" },
  { 0x7f1c, "TLS 1.3 (draft 28)" },
  { 0xfb17, "TLS 1.3 (Facebook draft 23)" },
  { 0xfb1a, "TLS 1.3 (Facebook draft 26)" },
  { 0x0100, "DTLS 1.0 (OpenSSL pre 0.9.8f)" },
  { 0xfeff, "DTLS 1.0" },
  { 0xfefd, "DTLS 1.2" },
  { 0x0a0a, "Reserved (GREASE)" },
  { 0x1a1a, "Reserved (GREASE)" },
  { 0x2a2a, "Reserved (GREASE)" },
  { 0x3a3a, "Reserved (GREASE)" },
  { 0x4a4a, "Reserved (GREASE)" },
  { 0x5a5a, "Reserved (GREASE)" },
  { 0x6a6a, "Reserved (GREASE)" },
  { 0x7a7a, "Reserved (GREASE)" },
  { 0x8a8a, "Reserved (GREASE)" },
  { 0x9a9a, "Reserved (GREASE)" },
  { 0xaaaa, "Reserved (GREASE)" },
  { 0xbaba, "Reserved (GREASE)" },
  { 0xcaca, "Reserved (GREASE)" },
  { 0xdada, "Reserved (GREASE)" },
  { 0xeaea, "Reserved (GREASE)" },
  { 0xfafa, "Reserved (GREASE)" },
  { 0, NULL }
};

static const RemoraValueString tls_extension_type_vals[] = {
  { 0, "server_name" },
  { 1, "max_fragment_length" },
  { 2, "client_certificate_url" },
  { 3, "trusted_ca_keys" },
  { 4, "truncated_hmac" },
  { 5, "status_request" },
  { 6, "user_mapping" },
  { 7, "client_authz" },
  { 8, "server_authz" },
  { 9, "cert_type" },
  { 10, "supported_groups" },
  { 11, "ec_point_formats" },
  { 12, "srp" },
  { 13, "signature_algorithms" },
  { 14, "use_srtp" },
  { 15, "heartbeat" },
  { 16, "application_layer_protocol_negotiation" },
  { 17, "status_request_v2" },
  { 18, "signed_certificate_timestamp" },
  { 19, "client_certificate_type" },
  { 20, "server_certificate_type" },
  { 21, "padding" },
  { 22, "encrypt_then_mac" },
  { 23, "extended_master_secret" },
  { 24, "token_binding" },
  { 25, "cached_info" },
  { 27, "compress_certificate" },
  { 28, "record_size_limit" },
  { 34, "delegated_credentials" },
  { 35, "session_ticket" },
  { 40, "Reserved (key_share)" },
  { 41, "pre_shared_key" },
  { 42, "early_data" },
  { 43, "supported_versions" },
  { 44, "cookie" },
  { 45, "psk_key_exchange_modes" },
  { 46, "Reserved (ticket_early_data_info)" },
  { 47, "certificate_authorities" },
  { 48, "oid_filters" },
  { 49, "post_handshake_auth" },
  { 50, "signature_algorithms_cert" },
  { 51, "key_share" },
  { 52, "transparency_info" },
  { 53, "connection_id (deprecated)" },
  { 54, "connection_id" },
  { 55, "external_id_hash" },
  { 56, "external_session_id" },
  { 57, "quic_transport_parameters" },
  { 58, "ticket_request" },
  { 59, "dnssec_chain" },
  { 2570, "Reserved (GREASE)" },
  { 6682, "Reserved (GREASE)" },
  { 10794, "Reserved (GREASE)" },
  { 13172, "next_protocol_negotiation" },
  { 14906, "Reserved (GREASE)" },
  { 17513, "application_settings" },
  { 19018, "Reserved (GREASE)" },
  { 23130, "Reserved (GREASE)" },
  { 27242, "Reserved (GREASE)" },
  { 30031, "channel_id_old" },
  { 30032, "channel_id" },
  { 65281, "renegotiation_info" },
  { 31354, "Reserved (GREASE)" },
  { 35466, "Reserved (GREASE)" },
  { 39578, "Reserved (GREASE)" },
  { 43690, "Reserved (GREASE)" },
  { 47802, "Reserved (GREASE)" },
  { 51914, "Reserved (GREASE)" },
  { 56026, "Reserved (GREASE)" },
  { 60138, "Reserved (GREASE)" },
  { 64250, "Reserved (GREASE)" },
  { 65445, "quic_transport_parameters (drafts version)" },
  { 65486, "encrypted_server_name" },
  { 0, NULL }
};

static const RemoraValueString tls_cipher_suite_vals[] = {
  { 0x0000, "TLS_NULL_WITH_NULL_NULL" },
  { 0x0001, "TLS_RSA_WITH_NULL_MD5" },
  { 0x0002, "TLS_RSA_WITH_NULL_SHA" },
  { 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5" },
  { 0x0004, "TLS_RSA_WITH_RC4_128_MD5" },
  { 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
  { 0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5" },
  { 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA" },
  { 0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA" },
  { 0x0009, "TLS_RSA_WITH_DES_CBC_SHA" },
  { 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
  { 0x000b, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA" },
  { 0x000c, "TLS_DH_DSS_WITH_DES_CBC_SHA" },
  { 0x000d, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA" },
  { 0x000e, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA" },
  { 0x000f, "TLS_DH_RSA_WITH_DES_CBC_SHA" },
  { 0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA" },
  { 0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA" },
  { 0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA" },
  { 0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA" },
  { 0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA" },
  { 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA" },
  { 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA" },
  { 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5" },
  { 0x0018, "TLS_DH_anon_WITH_RC4_128_MD5" },
  { 0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA" },
  { 0x001a, "TLS_DH_anon_WITH_DES_CBC_SHA" },
  { 0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA" },
  { 0x001c, "SSL_FORTEZZA_KEA_WITH_NULL_SHA" },
  { 0x001d, "SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA" },
  { 0x001e, "TLS_KRB5_WITH_DES_CBC_SHA" },
  { 0x001f, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA" },
  { 0x0020, "TLS_KRB5_WITH_RC4_128_SHA" },
  { 0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA" },
  { 0x0022, "TLS_KRB5_WITH_DES_CBC_MD5" },
  { 0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5" },
  { 0x0024, "TLS_KRB5_WITH_RC4_128_MD5" },
  { 0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5" },
  { 0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA" },
  { 0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA" },
  { 0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA" },
  { 0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5" },
  { 0x002a, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5" },
  { 0x002b, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5" },
  { 0x002c, "TLS_PSK_WITH_NULL_SHA" },
  { 0x002d, "TLS_DHE_PSK_WITH_NULL_SHA" },
  { 0x002e, "TLS_RSA_PSK_WITH_NULL_SHA" },
  { 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" },
  { 0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA" },
  { 0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA" },
  { 0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA" },
  { 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA" },
  { 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA" },
  { 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
  { 0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA" },
  { 0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA" },
  { 0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA" },
  { 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
  { 0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA" },
  { 0x003b, "TLS_RSA_WITH_NULL_SHA256" },
  { 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256" },
  { 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256" },
  { 0x003e, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256" },
  { 0x003f, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256" },
  { 0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256" },
  { 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA" },
  { 0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA" },
  { 0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA" },
  { 0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA" },
  { 0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA" },
  { 0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA" },
  { 0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5" },
  { 0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5" },
  { 0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA" },
  { 0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA" },
  { 0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA" },
  { 0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA" },
  { 0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA" },
  { 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
  { 0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256" },
  { 0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256" },
  { 0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256" },
  { 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256" },
  { 0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256" },
  { 0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256" },
  { 0x0080, "TLS_GOSTR341094_WITH_28147_CNT_IMIT" },
  { 0x0081, "TLS_GOSTR341001_WITH_28147_CNT_IMIT" },
  { 0x0082, "TLS_GOSTR341094_WITH_NULL_GOSTR3411" },
  { 0x0083, "TLS_GOSTR341001_WITH_NULL_GOSTR3411" },
  { 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA" },
  { 0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA" },
  { 0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA" },
  { 0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA" },
  { 0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA" },
  { 0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA" },
  { 0x008a, "TLS_PSK_WITH_RC4_128_SHA" },
  { 0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA" },
  { 0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA" },
  { 0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA" },
  { 0x008e, "TLS_DHE_PSK_WITH_RC4_128_SHA" },
  { 0x008f, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA" },
  { 0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA" },
  { 0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA" },
  { 0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA" },
  { 0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA" },
  { 0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA" },
  { 0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA" },
  { 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA" },
  { 0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA" },
  { 0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA" },
  { 0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA" },
  { 0x009a, "TLS_DHE_RSA_WITH_SEED_CBC_SHA" },
  { 0x009b, "TLS_DH_anon_WITH_SEED_CBC_SHA" },
  { 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
  { 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
  { 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
  { 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
  { 0x00a0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256" },
  { 0x00a1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384" },
  { 0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256" },
  { 0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384" },
  { 0x00a4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256" },
  { 0x00a5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384" },
  { 0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256" },
  { 0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384" },
  { 0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256" },
  { 0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384" },
  { 0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256" },
  { 0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384" },
  { 0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256" },
  { 0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384" },
  { 0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256" },
  { 0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384" },
  { 0x00b0, "TLS_PSK_WITH_NULL_SHA256" },
  { 0x00b1, "TLS_PSK_WITH_NULL_SHA384" },
  { 0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256" },
  { 0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384" },
  { 0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256" },
  { 0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384" },
  { 0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256" },
  { 0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384" },
  { 0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256" },
  { 0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384" },
  { 0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0x00bb, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0x00bc, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0x00bd, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0x00bf, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
  { 0x00c1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256" },
  { 0x00c2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
  { 0x00c3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256" },
  { 0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256" },
  { 0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256" },
  { 0x00c6, "TLS_SM4_GCM_SM3" },
  { 0x00c7, "TLS_SM4_CCM_SM3" },
  { 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
  { 0x0a0a, "Reserved (GREASE)" },
  { 0x1301, "TLS_AES_128_GCM_SHA256" },
  { 0x1302, "TLS_AES_256_GCM_SHA384" },
  { 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
  { 0x1304, "TLS_AES_128_CCM_SHA256" },
  { 0x1305, "TLS_AES_128_CCM_8_SHA256" },
  { 0x1a1a, "Reserved (GREASE)" },
  { 0x2a2a, "Reserved (GREASE)" },
  { 0x3a3a, "Reserved (GREASE)" },
  { 0x4a4a, "Reserved (GREASE)" },
  { 0x5600, "TLS_FALLBACK_SCSV" },
  { 0x5a5a, "Reserved (GREASE)" },
  { 0x6a6a, "Reserved (GREASE)" },
  { 0x7a7a, "Reserved (GREASE)" },
  { 0x8a8a, "Reserved (GREASE)" },
  { 0x9a9a, "Reserved (GREASE)" },
  { 0xaaaa, "Reserved (GREASE)" },
  { 0xbaba, "Reserved (GREASE)" },
  { 0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA" },
  { 0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA" },
  { 0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA" },
  { 0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA" },
  { 0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA" },
  { 0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA" },
  { 0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA" },
  { 0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA" },
  { 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
  { 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA" },
  { 0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA" },
  { 0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA" },
  { 0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA" },
  { 0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA" },
  { 0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA" },
  { 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA" },
  { 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA" },
  { 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA" },
  { 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
  { 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" },
  { 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA" },
  { 0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA" },
  { 0xc017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA" },
  { 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA" },
  { 0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA" },
  { 0xc01a, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA" },
  { 0xc01b, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA" },
  { 0xc01c, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA" },
  { 0xc01d, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA" },
  { 0xc01e, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA" },
  { 0xc01f, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA" },
  { 0xc020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA" },
  { 0xc021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA" },
  { 0xc022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA" },
  { 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
  { 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
  { 0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256" },
  { 0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384" },
  { 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
  { 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
  { 0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256" },
  { 0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384" },
  { 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
  { 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
  { 0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256" },
  { 0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384" },
  { 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
  { 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
  { 0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256" },
  { 0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384" },
  { 0xc033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA" },
  { 0xc034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA" },
  { 0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA" },
  { 0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA" },
  { 0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256" },
  { 0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384" },
  { 0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA" },
  { 0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256" },
  { 0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384" },
  { 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc03e, "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256" },
  { 0xc03f, "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384" },
  { 0xc040, "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc041, "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256" },
  { 0xc043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384" },
  { 0xc044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc046, "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256" },
  { 0xc047, "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384" },
  { 0xc048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc04a, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc04b, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc04c, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc04d, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc04e, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256" },
  { 0xc04f, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384" },
  { 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc054, "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc055, "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256" },
  { 0xc057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384" },
  { 0xc058, "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256" },
  { 0xc059, "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384" },
  { 0xc05a, "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256" },
  { 0xc05b, "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384" },
  { 0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc05d, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc05e, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc05f, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256" },
  { 0xc063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384" },
  { 0xc064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256" },
  { 0xc065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384" },
  { 0xc066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256" },
  { 0xc067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384" },
  { 0xc068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256" },
  { 0xc069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384" },
  { 0xc06a, "TLS_PSK_WITH_ARIA_128_GCM_SHA256" },
  { 0xc06b, "TLS_PSK_WITH_ARIA_256_GCM_SHA384" },
  { 0xc06c, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256" },
  { 0xc06d, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384" },
  { 0xc06e, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256" },
  { 0xc06f, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384" },
  { 0xc070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256" },
  { 0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384" },
  { 0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc07c, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc07d, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc07e, "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc07f, "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc080, "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc081, "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc082, "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc083, "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc084, "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc085, "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc08b, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc08c, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc08d, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc08f, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256" },
  { 0xc093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384" },
  { 0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256" },
  { 0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
  { 0xc09c, "TLS_RSA_WITH_AES_128_CCM" },
  { 0xc09d, "TLS_RSA_WITH_AES_256_CCM" },
  { 0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM" },
  { 0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM" },
  { 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8" },
  { 0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8" },
  { 0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8" },
  { 0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8" },
  { 0xc0a4, "TLS_PSK_WITH_AES_128_CCM" },
  { 0xc0a5, "TLS_PSK_WITH_AES_256_CCM" },
  { 0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM" },
  { 0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM" },
  { 0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8" },
  { 0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8" },
  { 0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8" },
  { 0xc0ab, "TLS_PSK_DHE_WITH_AES_256_CCM_8" },
  { 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
  { 0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM" },
  { 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" },
  { 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8" },
  { 0xc0b0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256" },
  { 0xc0b1, "TLS_ECCPWD_WITH_AES_256_GCM_SHA384" },
  { 0xc0b2, "TLS_ECCPWD_WITH_AES_128_CCM_SHA256" },
  { 0xc0b3, "TLS_ECCPWD_WITH_AES_256_CCM_SHA384" },
  { 0xc0b4, "TLS_SHA256_SHA256" },
  { 0xc0b5, "TLS_SHA384_SHA384" },
  { 0xc0ff, "TLS_ECJPAKE_WITH_AES_128_CCM_8" },
  { 0xc100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC" },
  { 0xc101, "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC" },
  { 0xc102, "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT" },
  { 0xc103, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L" },
  { 0xc104, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L" },
  { 0xc105, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S" },
  { 0xc106, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S" },
  { 0xcaca, "Reserved (GREASE)" },
  { 0xcc13, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xcc14, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xcc15, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256" },
  { 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256" },
  { 0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384" },
  { 0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256" },
  { 0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256" },
  { 0xdada, "Reserved (GREASE)" },
  { 0xe001, "ECDHE_SM1_SM3" },
  { 0xe003, "ECC_SM1_SM3" },
  { 0xe005, "IBSDH_SM1_SM3" },
  { 0xe007, "IBC_SM1_SM3" },
  { 0xe009, "RSA_SM1_SM3" },
  { 0xe00a, "RSA_SM1_SHA1" },
  { 0xe011, "ECDHE_SM4_CBC_SM3" },
  { 0xe013, "ECC_SM4_CBC_SM3" },
  { 0xe015, "IBSDH_SM4_CBC_SM3" },
  { 0xe017, "IBC_SM4_CBC_SM3" },
  { 0xe019, "RSA_SM4_CBC_SM3" },
  { 0xe01a, "RSA_SM4_CBC_SHA1" },
  { 0xe01c, "RSA_SM4_CBC_SHA256" },
  { 0xe051, "ECDHE_SM4_GCM_SM3" },
  { 0xe053, "ECC_SM4_GCM_SM3" },
  { 0xe055, "IBSDH_SM4_GCM_SM3" },
  { 0xe057, "IBC_SM4_GCM_SM3" },
  { 0xe059, "RSA_SM4_GCM_SM3" },
  { 0xe05a, "RSA_SM4_GCM_SHA256" },
  { 0xe410, "TLS_RSA_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe411, "TLS_RSA_WITH_SALSA20_SHA1" },
  { 0xe412, "TLS_ECDHE_RSA_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe413, "TLS_ECDHE_RSA_WITH_SALSA20_SHA1" },
  { 0xe414, "TLS_ECDHE_ECDSA_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe415, "TLS_ECDHE_ECDSA_WITH_SALSA20_SHA1" },
  { 0xe416, "TLS_PSK_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe417, "TLS_PSK_WITH_SALSA20_SHA1" },
  { 0xe418, "TLS_ECDHE_PSK_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe419, "TLS_ECDHE_PSK_WITH_SALSA20_SHA1" },
  { 0xe41a, "TLS_RSA_PSK_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe41b, "TLS_RSA_PSK_WITH_SALSA20_SHA1" },
  { 0xe41c, "TLS_DHE_PSK_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe41d, "TLS_DHE_PSK_WITH_SALSA20_SHA1" },
  { 0xe41e, "TLS_DHE_RSA_WITH_ESTREAM_SALSA20_SHA1" },
  { 0xe41f, "TLS_DHE_RSA_WITH_SALSA20_SHA1" },
  { 0xeaea, "Reserved (GREASE)" },
  { 0xfafa, "Reserved (GREASE)" },
  { 0xfefe, "SSL_RSA_FIPS_WITH_DES_CBC_SHA" },
  { 0xfeff, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA" },
  { 0xffe0, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA" },
  { 0xffe1, "SSL_RSA_FIPS_WITH_DES_CBC_SHA" },
  { 0, NULL }
};

static const RemoraValueString tls_group_vals[] = {
  { 0x0001, "sect163k1" },
  { 0x0002, "sect163r1" },
  { 0x0003, "sect163r2" },
  { 0x0004, "sect193r1" },
  { 0x0005, "sect193r2" },
  { 0x0006, "sect233k1" },
  { 0x0007, "sect233r1" },
  { 0x0008, "sect239k1" },
  { 0x0009, "sect283k1" },
  { 0x000a, "sect283r1" },
  { 0x000b, "sect409k1" },
  { 0x000c, "sect409r1" },
  { 0x000d, "sect571k1" },
  { 0x000e, "sect571r1" },
  { 0x000f, "secp160k1" },
  { 0x0010, "secp160r1" },
  { 0x0011, "secp160r2" },
  { 0x0012, "secp192k1" },
  { 0x0013, "secp192r1" },
  { 0x0014, "secp224k1" },
  { 0x0015, "secp224r1" },
  { 0x0016, "secp256k1" },
  { 0x0017, "secp256r1" },
  { 0x0018, "secp384r1" },
  { 0x0019, "secp521r1" },
  { 0x001a, "brainpoolP256r1" },
  { 0x001b, "brainpoolP384r1" },
  { 0x001c, "brainpoolP512r1" },
  { 0x001d, "x25519" },
  { 0x001e, "x448" },
  { 0x0029, "curveSM2" },
  { 0x0100, "ffdhe2048" },
  { 0x0101, "ffdhe3072" },
  { 0x0102, "ffdhe4096" },
  { 0x0103, "ffdhe6144" },
  { 0x0104, "ffdhe8192" },
  { 0x0200, "frodo640aes" },
  { 0x2f00, "p256_frodo640aes" },
  { 0x0201, "frodo640shake" },
  { 0x2f01, "p256_frodo640shake" },
  { 0x0202, "frodo976aes" },
  { 0x2f02, "p384_frodo976aes" },
  { 0x0203, "frodo976shake" },
  { 0x2f03, "p384_frodo976shake" },
  { 0x0204, "frodo1344aes" },
  { 0x2f04, "p521_frodo1344aes" },
  { 0x0205, "frodo1344shake" },
  { 0x2f05, "p521_frodo1344shake" },
  { 0x023a, "kyber512" },
  { 0x2f3a, "p256_kyber512" },
  { 0x023c, "kyber768" },
  { 0x2f3c, "p384_kyber768" },
  { 0x023d, "kyber1024" },
  { 0x2f3d, "p521_kyber1024" },
  { 0x0214, "ntru_hps2048509" },
  { 0x2f14, "p256_ntru_hps2048509" },
  { 0x0215, "ntru_hps2048677" },
  { 0x2f15, "p384_ntru_hps2048677" },
  { 0x0216, "ntru_hps4096821" },
  { 0x2f16, "p521_ntru_hps4096821" },
  { 0x0245, "ntru_hps40961229" },
  { 0x2f45, "p521_ntru_hps40961229" },
  { 0x0217, "ntru_hrss701" },
  { 0x2f17, "p384_ntru_hrss701" },
  { 0x0246, "ntru_hrss1373" },
  { 0x2f46, "p521_ntru_hrss1373" },
  { 0x0218, "lightsaber" },
  { 0x2f18, "p256_lightsaber" },
  { 0x0219, "saber" },
  { 0x2f19, "p384_saber" },
  { 0x021a, "firesaber" },
  { 0x2f1a, "p521_firesaber" },
  { 0x021b, "sidhp434" },
  { 0x2f1b, "p256_sidhp434" },
  { 0x021c, "sidhp503" },
  { 0x2f1c, "p256_sidhp503" },
  { 0x021d, "sidhp610" },
  { 0x2f1d, "p384_sidhp610" },
  { 0x021e, "sidhp751" },
  { 0x2f1e, "p521_sidhp751" },
  { 0x021f, "sikep434" },
  { 0x2f1f, "p256_sikep434" },
  { 0x0220, "sikep503" },
  { 0x2f20, "p256_sikep503" },
  { 0x0221, "sikep610" },
  { 0x2f21, "p384_sikep610" },
  { 0x0222, "sikep751" },
  { 0x2f22, "p521_sikep751" },
  { 0x0238, "bikel1" },
  { 0x2f38, "p256_bikel1" },
  { 0x023b, "bikel3" },
  { 0x2f3b, "p384_bikel3" },
  { 0x023e, "kyber90s512" },
  { 0x2f3e, "p256_kyber90s512" },
  { 0x023f, "kyber90s768" },
  { 0x2f3f, "p384_kyber90s768" },
  { 0x0240, "kyber90s1024" },
  { 0x2f40, "p521_kyber90s1024" },
  { 0x022c, "hqc128" },
  { 0x2f2c, "p256_hqc128" },
  { 0x022d, "hqc192" },
  { 0x2f2d, "p384_hqc192" },
  { 0x022e, "hqc256" },
  { 0x2f2e, "p521_hqc256" },
  { 0x022f, "ntrulpr653" },
  { 0x2f2f, "p256_ntrulpr653" },
  { 0x0230, "ntrulpr761" },
  { 0x2f43, "p256_ntrulpr761" },
  { 0x0231, "ntrulpr857" },
  { 0x2f31, "p384_ntrulpr857" },
  { 0x0241, "ntrulpr1277" },
  { 0x2f41, "p521_ntrulpr1277" },
  { 0x0232, "sntrup653" },
  { 0x2f32, "p256_sntrup653" },
  { 0x0233, "sntrup761" },
  { 0x2f44, "p256_sntrup761" },
  { 0x0234, "sntrup857" },
  { 0x2f34, "p384_sntrup857" },
  { 0x0242, "sntrup1277" },
  { 0x2f42, "p521_sntrup1277" },
  { 0x0a0a, "Reserved (GREASE)" },
  { 0x1a1a, "Reserved (GREASE)" },
  { 0x2a2a, "Reserved (GREASE)" },
  { 0x3a3a, "Reserved (GREASE)" },
  { 0x4a4a, "Reserved (GREASE)" },
  { 0x5a5a, "Reserved (GREASE)" },
  { 0x6a6a, "Reserved (GREASE)" },
  { 0x7a7a, "Reserved (GREASE)" },
  { 0x8a8a, "Reserved (GREASE)" },
  { 0x9a9a, "Reserved (GREASE)" },
  { 0xaaaa, "Reserved (GREASE)" },
  { 0xbaba, "Reserved (GREASE)" },
  { 0xcaca, "Reserved (GREASE)" },
  { 0xdada, "Reserved (GREASE)" },
  { 0xeaea, "Reserved (GREASE)" },
  { 0xfafa, "Reserved (GREASE)" },
  { 0xff01, "arbitrary_explicit_prime_curves" },
  { 0xff02, "arbitrary_explicit_char2_curves" },
  { 0, NULL }
};

static const RemoraValueString tls_sig_alg_vals[] = {
  { 0x0201, "rsa_pkcs1_sha1" },
  { 0x0203, "ecdsa_sha1" },
  { 0x0401, "rsa_pkcs1_sha256" },
  { 0x0403, "ecdsa_secp256r1_sha256" },
  { 0x0501, "rsa_pkcs1_sha384" },
  { 0x0503, "ecdsa_secp384r1_sha384" },
  { 0x0601, "rsa_pkcs1_sha512" },
  { 0x0603, "ecdsa_secp521r1_sha512" },
  { 0x0708, "sm2sig_sm3" },
  { 0x0804, "rsa_pss_rsae_sha256" },
  { 0x0805, "rsa_pss_rsae_sha384" },
  { 0x0806, "rsa_pss_rsae_sha512" },
  { 0x0807, "ed25519" },
  { 0x0808, "ed448" },
  { 0x0809, "rsa_pss_pss_sha256" },
  { 0x080a, "rsa_pss_pss_sha384" },
  { 0x080b, "rsa_pss_pss_sha512" },
  { 0xfea0, "dilithium2" },
  { 0xfea1, "p256_dilithium2" },
  { 0xfea2, "rsa3072_dilithium2" },
  { 0xfea3, "dilithium3" },
  { 0xfea4, "p384_dilithium3" },
  { 0xfea5, "dilithium5" },
  { 0xfea6, "p521_dilithium5" },
  { 0xfea7, "dilithium2_aes" },
  { 0xfea8, "p256_dilithium2_aes" },
  { 0xfea9, "rsa3072_dilithium2_aes" },
  { 0xfeaa, "dilithium3_aes" },
  { 0xfeab, "p384_dilithium3_aes" },
  { 0xfeac, "dilithium5_aes" },
  { 0xfead, "p521_dilithium5_aes" },
  { 0xfe0b, "falcon512" },
  { 0xfe0c, "p256_falcon512" },
  { 0xfe0d, "rsa3072_falcon512" },
  { 0xfe0e, "falcon1024" },
  { 0xfe0f, "p521_falcon1024" },
  { 0xfe96, "picnicl1full" },
  { 0xfe97, "p256_picnicl1full" },
  { 0xfe98, "rsa3072_picnicl1full" },
  { 0xfe1b, "picnic3l1" },
  { 0xfe1c, "p256_picnic3l1" },
  { 0xfe1d, "rsa3072_picnic3l1" },
  { 0xfe27, "rainbowIclassic" },
  { 0xfe28, "p256_rainbowIclassic" },
  { 0xfe29, "rsa3072_rainbowIclassic" },
  { 0xfe3c, "rainbowVclassic" },
  { 0xfe3d, "p521_rainbowVclassic" },
  { 0xfe42, "sphincsharaka128frobust" },
  { 0xfe43, "p256_sphincsharaka128frobust" },
  { 0xfe44, "rsa3072_sphincsharaka128frobust" },
  { 0xfe5e, "sphincssha256128frobust" },
  { 0xfe5f, "p256_sphincssha256128frobust" },
  { 0xfe60, "rsa3072_sphincssha256128frobust" },
  { 0xfe7a, "sphincsshake256128frobust" },
  { 0xfe7b, "p256_sphincsshake256128frobust" },
  { 0xfe7c, "rsa3072_sphincsshake256128frobust" },
  { 0, NULL }
};

static const RemoraValueString tls_sig_hash_vals[] = {
  { 0, "None" },
  { 1, "MD5" },
  { 2, "SHA1" },
  { 3, "SHA224" },
  { 4, "SHA256" },
  { 5, "SHA384" },
  { 6, "SHA512" },
  { 7, "SM3" },
  { 0, NULL }
};

static const RemoraValueString tls_sig_sig_vals[] = {
  { 0, "Anonymous" },
  { 1, "RSA" },
  { 2, "DSA" },
  { 3, "ECDSA" },
  { 4, "SM2" },
  { 0, NULL }
};

static const RemoraValueString tls_ec_point_format_vals[] = {
  { 0, "uncompressed" },
  { 1, "ansiX962_compressed_prime" },
  { 2, "ansiX962_compressed_char2" },
  { 0, NULL }
};

static const RemoraValueString tls_comp_method_vals[] = {
  { 0, "null" },
  { 1, "DEFLATE" },
  { 64, "LZS" },
  { 0, NULL }
};

static const RemoraValueString tls_psk_ke_mode_vals[] = {
  { 0, "PSK-only key establishment (psk_ke)" },
  { 1, "PSK with (EC)DHE key establishment (psk_dhe_ke)" },
  { 0, NULL }
};

static const RemoraValueString tls_server_name_type_vals[] = {
  { 0, "host_name" },
  { 0, NULL }
};

static const RemoraValueString tls_curve_type_vals[] = {
  { 0x01, "explicit_prime" },
  { 0x02, "explicit_char2" },
  { 0x03, "named_curve" },
  { 0, NULL }
};

static const RemoraValueString tls_handshake_type_vals[] = {
  { 0, "Hello Request" }, { 1, "Client Hello" }, { 2, "Server Hello" },
  { 3, "Hello Verify Request" }, { 4, "New Session Ticket" }, { 5, "End of Early Data" },
  { 6, "Hello Retry Request" }, { 8, "Encrypted Extensions" }, { 11, "Certificate" },
  { 12, "Server Key Exchange" }, { 13, "Certificate Request" }, { 14, "Server Hello Done" },
  { 15, "Certificate Verify" }, { 16, "Client Key Exchange" }, { 20, "Finished" },
  { 21, "Client Certificate URL" }, { 22, "Certificate Status" }, { 23, "Supplemental Data" },
  { 24, "Key Update" }, { 25, "Compressed Certificate" }, { 67, "Encrypted Extensions" },
  { 0, NULL }
};

static const RemoraValueString tls_heartbeat_mode_vals[] = {
  { 1, "Peer allowed to send requests" }, { 2, "Peer not allowed to send requests" },
  { 0, NULL }
};

static const RemoraValueString tls_status_request_type_vals[] = {
  { 1, "OCSP" }, { 2, "OCSP Multi" },
  { 0, NULL }
};

static int hf_handshake, hf_hs_type, hf_hs_length, hf_hs_version;
static int hf_random, hf_random_time, hf_random_bytes, hf_session_id_length, hf_session_id;
static int hf_cs_length, hf_cs_list, hf_cs, hf_comp_length, hf_comp_list, hf_comp;
static int hf_ext_length, hf_ext_type, hf_ext_len, hf_ext_data;
static int hf_sni_list_len, hf_sni_type, hf_sni_len, hf_sni;
static int hf_alpn_len, hf_alpn_list, hf_alpn_str_len, hf_alpn_str;
static int hf_sv_len, hf_sv;
static int hf_ks_client_len, hf_ks_group, hf_ks_kx_len, hf_ks_kx, hf_ks_selected;
static int hf_groups_len, hf_groups, hf_group;
static int hf_ecpf_len, hf_ecpf_list, hf_ecpf;
static int hf_sig_len, hf_sig_algs, hf_sig_alg, hf_sig_hash, hf_sig_sig;
static int hf_reneg_len, hf_reneg, hf_psk_modes_len, hf_psk_mode, hf_padding;
static int hf_hb_mode, hf_status_type, hf_status_rid_len, hf_status_exts_len;
static int hf_certs_len, hf_certs, hf_cert_len, hf_cert, hf_cert_ctx_len, hf_cert_ctx;
static int hf_ticket_hint, hf_ticket_age_add, hf_ticket_nonce_len, hf_ticket_nonce;
static int hf_ticket_len, hf_ticket, hf_verify_data;
static int hf_curve_type, hf_named_curve, hf_srv_point_len, hf_srv_point, hf_cli_point_len, hf_cli_point;
static int hf_p_len, hf_p, hf_g_len, hf_g, hf_ys_len, hf_ys, hf_yc_len, hf_yc;
static int hf_sk_sig_len, hf_sk_sig, hf_epms_len, hf_epms;

#define F(id, name, abbrev, type, base, strings, blurb) \
  { &id, { name, abbrev, REMORA_FT_##type, REMORA_BASE_##base, strings, 0, blurb } }

static RemoraFieldDef handshake_fields[] = {
  F (hf_handshake, "Handshake Protocol", "tls.handshake", NONE, NONE, NULL, "Handshake protocol message"),
  F (hf_hs_type, "Handshake Type", "tls.handshake.type", UINT8, DEC, tls_handshake_type_vals, "Type of handshake message"),
  F (hf_hs_length, "Length", "tls.handshake.length", UINT24, DEC, NULL, "Length of handshake message"),
  F (hf_hs_version, "Version", "tls.handshake.version", UINT16, HEX, tls_version_vals, "Maximum version supported by client"),
  F (hf_random, "Random", "tls.handshake.random", BYTES, NONE, NULL, "Random values used for deriving keys"),
  { &hf_random_time, { "GMT Unix Time", "tls.handshake.random_time", REMORA_FT_ABSOLUTE_TIME,
                       REMORA_ABSOLUTE_TIME_UTC, NULL, 0, "Unix time field of random structure" } },
  F (hf_random_bytes, "Random Bytes", "tls.handshake.random_bytes", BYTES, NONE, NULL, "Random values used for deriving keys"),
  F (hf_session_id_length, "Session ID Length", "tls.handshake.session_id_length", UINT16, DEC, NULL, "Length of session ID field"),
  F (hf_session_id, "Session ID", "tls.handshake.session_id", BYTES, NONE, NULL, "Identifies the SSL session, allowing later resumption"),
  F (hf_cs_length, "Cipher Suites Length", "tls.handshake.cipher_suites_length", UINT16, DEC, NULL, "Length of cipher suites field"),
  F (hf_cs_list, "Cipher Suites", "tls.handshake.ciphersuites", NONE, NONE, NULL, "List of cipher suites supported by client"),
  F (hf_cs, "Cipher Suite", "tls.handshake.ciphersuite", UINT16, HEX, tls_cipher_suite_vals, NULL),
  F (hf_comp_length, "Compression Methods Length", "tls.handshake.comp_methods_length", UINT8, DEC, NULL, "Length of compression methods field"),
  F (hf_comp_list, "Compression Methods", "tls.handshake.comp_methods", NONE, NONE, NULL, "List of compression methods supported by client"),
  F (hf_comp, "Compression Method", "tls.handshake.comp_method", UINT8, DEC, tls_comp_method_vals, NULL),
  F (hf_ext_length, "Extensions Length", "tls.handshake.extensions_length", UINT16, DEC, NULL, "Length of hello extensions"),
  F (hf_ext_type, "Type", "tls.handshake.extension.type", UINT16, DEC, tls_extension_type_vals, "Hello extension type"),
  F (hf_ext_len, "Length", "tls.handshake.extension.len", UINT16, DEC, NULL, "Length of a hello extension"),
  F (hf_ext_data, "Data", "tls.handshake.extension.data", BYTES, NONE, NULL, "Hello Extension data"),
  F (hf_sni_list_len, "Server Name list length", "tls.handshake.extensions_server_name_list_len", UINT16, DEC, NULL, "Length of server name list"),
  F (hf_sni_type, "Server Name Type", "tls.handshake.extensions_server_name_type", UINT8, DEC, tls_server_name_type_vals, NULL),
  F (hf_sni_len, "Server Name length", "tls.handshake.extensions_server_name_len", UINT16, DEC, NULL, "Length of server name string"),
  F (hf_sni, "Server Name", "tls.handshake.extensions_server_name", STRING, NONE, NULL, NULL),
  F (hf_alpn_len, "ALPN Extension Length", "tls.handshake.extensions_alpn_len", UINT16, DEC, NULL, "Length of the ALPN Extension"),
  F (hf_alpn_list, "ALPN Protocol", "tls.handshake.extensions_alpn_list", NONE, NONE, NULL, NULL),
  F (hf_alpn_str_len, "ALPN string length", "tls.handshake.extensions_alpn_str_len", UINT8, DEC, NULL, "Length of ALPN string"),
  F (hf_alpn_str, "ALPN Next Protocol", "tls.handshake.extensions_alpn_str", STRING, NONE, NULL, NULL),
  F (hf_sv_len, "Supported Versions length", "tls.handshake.extensions.supported_versions_len", UINT8, DEC, NULL, NULL),
  F (hf_sv, "Supported Version", "tls.handshake.extensions.supported_version", UINT16, HEX, tls_version_vals, NULL),
  F (hf_ks_client_len, "Client Key Share Length", "tls.handshake.extensions_key_share_client_length", UINT16, DEC, NULL, NULL),
  F (hf_ks_group, "Group", "tls.handshake.extensions_key_share_group", UINT16, DEC, tls_group_vals, NULL),
  F (hf_ks_kx_len, "Key Exchange Length", "tls.handshake.extensions_key_share_key_exchange_length", UINT16, DEC, NULL, NULL),
  F (hf_ks_kx, "Key Exchange", "tls.handshake.extensions_key_share_key_exchange", BYTES, NONE, NULL, NULL),
  F (hf_ks_selected, "Selected Group", "tls.handshake.extensions_key_share_selected_group", UINT16, DEC, tls_group_vals, NULL),
  F (hf_groups_len, "Supported Groups List Length", "tls.handshake.extensions_supported_groups_length", UINT16, DEC, NULL, NULL),
  F (hf_groups, "Supported Groups List", "tls.handshake.extensions_supported_groups", NONE, NONE, NULL,
     "List of supported groups (formerly Supported Elliptic Curves)"),
  F (hf_group, "Supported Group", "tls.handshake.extensions_supported_group", UINT16, HEX, tls_group_vals, NULL),
  F (hf_ecpf_len, "EC point formats Length", "tls.handshake.extensions_ec_point_formats_length", UINT8, DEC, NULL,
     "Length of elliptic curves point formats field"),
  F (hf_ecpf_list, "EC point formats", "tls.handshake.extensions_ec_point_formats", NONE, NONE, NULL, "List of elliptic curves point format"),
  F (hf_ecpf, "EC point format", "tls.handshake.extensions_ec_point_format", UINT8, DEC, tls_ec_point_format_vals, "Elliptic curves point format"),
  F (hf_sig_len, "Signature Hash Algorithms Length", "tls.handshake.sig_hash_alg_len", UINT16, DEC, NULL, "Length of Signature Hash Algorithms"),
  F (hf_sig_algs, "Signature Algorithms", "tls.handshake.sig_hash_algs", NONE, NONE, NULL, "List of supported Signature Algorithms"),
  F (hf_sig_alg, "Signature Algorithm", "tls.handshake.sig_hash_alg", UINT16, HEX, tls_sig_alg_vals, NULL),
  F (hf_sig_hash, "Signature Hash Algorithm Hash", "tls.handshake.sig_hash_hash", UINT8, DEC, tls_sig_hash_vals, "Hash algorithm (TLS 1.2)"),
  F (hf_sig_sig, "Signature Hash Algorithm Signature", "tls.handshake.sig_hash_sig", UINT8, DEC, tls_sig_sig_vals, "Signature algorithm (TLS 1.2)"),
  F (hf_reneg_len, "Renegotiation info extension length", "tls.handshake.extensions_reneg_info_len", UINT8, DEC, NULL, NULL),
  F (hf_reneg, "Renegotiation info", "tls.handshake.extensions_reneg_info", BYTES, NONE, NULL, NULL),
  F (hf_psk_modes_len, "PSK Key Exchange Modes Length", "tls.extension.psk_ke_modes_length", UINT8, DEC, NULL, NULL),
  F (hf_psk_mode, "PSK Key Exchange Mode", "tls.extension.psk_ke_mode", UINT8, DEC, tls_psk_ke_mode_vals,
     "Key exchange modes where the client supports use of PSKs"),
  F (hf_padding, "Padding Data", "tls.handshake.extensions_padding_data", BYTES, NONE, NULL, "Must be zero"),
  F (hf_hb_mode, "Mode", "tls.handshake.extension.heartbeat.mode", UINT8, DEC, tls_heartbeat_mode_vals, "Heartbeat extension mode"),
  F (hf_status_type, "Certificate Status Type", "tls.handshake.extensions_status_request_type", UINT8, DEC, tls_status_request_type_vals, NULL),
  F (hf_status_rid_len, "Responder ID list Length", "tls.handshake.extensions_status_request_responder_ids_len", UINT16, DEC, NULL, NULL),
  F (hf_status_exts_len, "Request Extensions Length", "tls.handshake.extensions_status_request_exts_len", UINT16, DEC, NULL, NULL),
  F (hf_certs_len, "Certificates Length", "tls.handshake.certificates_length", UINT24, DEC, NULL, "Length of certificates field"),
  F (hf_certs, "Certificates", "tls.handshake.certificates", NONE, NONE, NULL, "List of certificates"),
  F (hf_cert_len, "Certificate Length", "tls.handshake.certificate_length", UINT24, DEC, NULL, "Length of certificate"),
  F (hf_cert, "Certificate", "tls.handshake.certificate", BYTES, NONE, NULL, NULL),
  F (hf_cert_ctx_len, "Certificate Request Context Length", "tls.handshake.certificate_request_context_length", UINT8, DEC, NULL, NULL),
  F (hf_cert_ctx, "Certificate Request Context", "tls.handshake.certificate_request_context", BYTES, NONE, NULL,
     "Value from CertificateRequest or empty for server auth"),
  F (hf_ticket_hint, "Session Ticket Lifetime Hint", "tls.handshake.session_ticket_lifetime_hint", UINT32, DEC, NULL,
     "New Session Ticket Lifetime Hint"),
  F (hf_ticket_age_add, "Session Ticket Age Add", "tls.handshake.session_ticket_age_add", UINT32, DEC, NULL,
     "Random 32-bit value to obscure age of ticket"),
  F (hf_ticket_nonce_len, "Session Ticket Nonce Length", "tls.handshake.session_ticket_nonce_length", UINT8, DEC, NULL, NULL),
  F (hf_ticket_nonce, "Session Ticket Nonce", "tls.handshake.session_ticket_nonce", BYTES, NONE, NULL, "A unique per-ticket value"),
  F (hf_ticket_len, "Session Ticket Length", "tls.handshake.session_ticket_length", UINT16, DEC, NULL, "New Session Ticket Length"),
  F (hf_ticket, "Session Ticket", "tls.handshake.session_ticket", BYTES, NONE, NULL, "New Session Ticket"),
  F (hf_verify_data, "Verify Data", "tls.handshake.verify_data", NONE, NONE, NULL, "Opaque verification data"),
  F (hf_curve_type, "Curve Type", "tls.handshake.server_curve_type", UINT8, HEX, tls_curve_type_vals, "Server curve_type"),
  F (hf_named_curve, "Named Curve", "tls.handshake.server_named_curve", UINT16, HEX, tls_group_vals, "Server named_curve"),
  F (hf_srv_point_len, "Pubkey Length", "tls.handshake.server_point_len", UINT8, DEC, NULL, "Length of server's EC Diffie-Hellman public key"),
  F (hf_srv_point, "Pubkey", "tls.handshake.server_point", BYTES, NONE, NULL, "EC Diffie-Hellman server pubkey"),
  F (hf_cli_point_len, "Pubkey Length", "tls.handshake.client_point_len", UINT8, DEC, NULL, "Length of client's EC Diffie-Hellman public key"),
  F (hf_cli_point, "Pubkey", "tls.handshake.client_point", BYTES, NONE, NULL, "EC Diffie-Hellman client pubkey"),
  F (hf_p_len, "p Length", "tls.handshake.p_len", UINT16, DEC, NULL, "Length of p"),
  F (hf_p, "p", "tls.handshake.p", BYTES, NONE, NULL, "Diffie-Hellman p"),
  F (hf_g_len, "g Length", "tls.handshake.g_len", UINT16, DEC, NULL, "Length of g"),
  F (hf_g, "g", "tls.handshake.g", BYTES, NONE, NULL, "Diffie-Hellman g"),
  F (hf_ys_len, "Pubkey Length", "tls.handshake.ys_len", UINT16, DEC, NULL, "Length of server's Diffie-Hellman public key"),
  F (hf_ys, "Pubkey", "tls.handshake.ys", BYTES, NONE, NULL, "Diffie-Hellman server pubkey"),
  F (hf_yc_len, "Pubkey Length", "tls.handshake.yc_len", UINT16, DEC, NULL, "Length of client's Diffie-Hellman public key"),
  F (hf_yc, "Pubkey", "tls.handshake.yc", BYTES, NONE, NULL, "Diffie-Hellman client pubkey"),
  F (hf_sk_sig_len, "Signature Length", "tls.handshake.sig_len", UINT16, DEC, NULL, "Length of Signature"),
  F (hf_sk_sig, "Signature", "tls.handshake.sig", BYTES, NONE, NULL, "Diffie-Hellman server signature"),
  F (hf_epms_len, "Encrypted PreMaster length", "tls.handshake.epms_len", UINT16, DEC, NULL, "Length of encrypted PreMaster secret"),
  F (hf_epms, "Encrypted PreMaster", "tls.handshake.epms", BYTES, NONE, NULL, "Encrypted PreMaster secret"),
};

#undef F

void
remora_tls_handshake_register (int proto)
{
  remora_fields_register (proto, handshake_fields, G_N_ELEMENTS (handshake_fields));
}

const char *
remora_tls_version_short_name (guint16 version)
{
  switch (version)
    {
    case 0x0002: return "SSLv2";
    case 0x0300: return "SSLv3";
    case 0x0301: return "TLSv1";
    case 0x0302: return "TLSv1.1";
    case 0x0303: return "TLSv1.2";
    case 0x0304: return "TLSv1.3";
    case 0x0101: return "GMTLSv1";
    case 0xfeff: return "DTLSv1.0";
    case 0xfefd: return "DTLSv1.2";
    case 0x0100: return "DTLS 1.0 (OpenSSL pre 0.9.8f)";
    default:     return NULL;
    }
}

static const char *
handshake_name (guint8 type)
{
  return remora_value_string_lookup (tls_handshake_type_vals, type);
}

/* Is the message at OFFSET readable as such, or opaque ciphertext?  After
 * a ChangeCipherSpec it is ciphertext; before, a type without a name or a
 * length beyond the record gives it away as well. */
static gboolean
message_is_plain (const RemoraTvb      *tvb,
                  guint32               offset,
                  guint32               remaining,
                  const RemoraTlsConv  *conv,
                  int                   dir)
{
  guint32 len;

  if (conv->encrypted[dir] || remaining < 4 || !remora_tvb_bytes_exist (tvb, offset, 4))
    return FALSE;
  if (handshake_name (remora_tvb_get_u8 (tvb, offset)) == NULL)
    return FALSE;
  len = remora_tvb_get_ntoh24 (tvb, offset + 1);
  return 4 + len <= remaining;
}

const char *
remora_tls_handshake_summary (const RemoraTvb     *tvb,
                              guint32              offset,
                              guint32              length,
                              const RemoraTlsConv *conv,
                              int                  dir)
{
  guint32 len;

  if (!message_is_plain (tvb, offset, length, conv, dir))
    return "Encrypted Handshake Message";
  len = remora_tvb_get_ntoh24 (tvb, offset + 1);
  if (4 + len < length)
    return "Multiple Handshake Messages";
  return handshake_name (remora_tvb_get_u8 (tvb, offset));
}

/* "2 hours", "1 day, 3 minutes", as Wireshark spells durations. */
static void
format_duration (GString *out, guint32 secs)
{
  static const struct { guint32 unit; const char *name; } units[] = {
    { 86400, "day" }, { 3600, "hour" }, { 60, "minute" }, { 1, "second" },
  };

  if (secs == 0)
    {
      g_string_append (out, "0 seconds");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      guint32 n = secs / units[i].unit;

      if (n == 0)
        continue;
      secs %= units[i].unit;
      g_string_append_printf (out, "%s%u %s%s", out->len > 0 ? ", " : "", n, units[i].name, n == 1 ? "" : "s");
    }
}

static void
add_random (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 o, gboolean with_time)
{
  RemoraItem rt = remora_add_item (pkt, tree, hf_random, tvb, o, 32, REMORA_ENC_NA);

  if (!with_time)
    return;
  remora_add_time (pkt, rt, hf_random_time, tvb, o, 4, (gint64) remora_tvb_get_ntohl (tvb, o) * G_GINT64_CONSTANT (1000000000));
  remora_add_item (pkt, rt, hf_random_bytes, tvb, o + 4, 28, REMORA_ENC_NA);
}

static void
add_sig_alg (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 o)
{
  guint16 alg = remora_tvb_get_ntohs (tvb, o);
  RemoraItem it = remora_add_item (pkt, tree, hf_sig_alg, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);

  /* Pairs without a registered name read as "<hash> <signature>". */
  if (pkt->tree_mode && remora_value_string_lookup (tls_sig_alg_vals, alg) == NULL)
    {
      const char *h = remora_value_string_lookup (tls_sig_hash_vals, alg >> 8);
      const char *s = remora_value_string_lookup (tls_sig_sig_vals, alg & 0xff);

      remora_item_set_text (pkt, it, "Signature Algorithm: %s %s (0x%04x)",
                            h ? h : "Unknown", s ? s : "Unknown", alg);
    }
  remora_add_uint (pkt, it, hf_sig_hash, tvb, o, 1, alg >> 8);
  remora_add_uint (pkt, it, hf_sig_sig, tvb, o + 1, 1, alg & 0xff);
}

static void
dissect_sni (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree)
{
  guint32 list_len, o = 2, end;
  RemoraItem st;

  if (remora_tvb_reported_remaining (tvb, 0) == 0)
    return;
  st = remora_add_text (pkt, tree, tvb, 0, remora_tvb_reported_remaining (tvb, 0), "Server Name Indication extension");
  list_len = remora_tvb_get_ntohs (tvb, 0);
  remora_add_item (pkt, st, hf_sni_list_len, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  end = 2 + list_len;
  while (o < end)
    {
      guint16 len;

      remora_add_item (pkt, st, hf_sni_type, tvb, o, 1, REMORA_ENC_NA);
      len = remora_tvb_get_ntohs (tvb, o + 1);
      remora_add_item (pkt, st, hf_sni_len, tvb, o + 1, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, st, hf_sni, tvb, o + 3, len, REMORA_ENC_ASCII);
      o += 3u + len;
    }
}

static void
dissect_alpn (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, RemoraTlsConv *conv, gboolean server)
{
  guint32 o = 2, end = 2u + remora_tvb_get_ntohs (tvb, 0);
  RemoraItem list;

  remora_add_item (pkt, tree, hf_alpn_len, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  list = remora_add_item (pkt, tree, hf_alpn_list, tvb, 2, end - 2, REMORA_ENC_NA);
  while (o < end)
    {
      guint8 len = remora_tvb_get_u8 (tvb, o);

      remora_add_item (pkt, list, hf_alpn_str_len, tvb, o, 1, REMORA_ENC_NA);
      remora_add_item (pkt, list, hf_alpn_str, tvb, o + 1, len, REMORA_ENC_ASCII);
      /* The server's choice tells what the encrypted records carry. */
      if (server && conv != NULL && !pkt->visited)
        {
          const guint8 *s = remora_tvb_get_ptr (tvb, o + 1, len);

          if ((len == 2 && memcmp (s, "h2", 2) == 0) || (len > 3 && memcmp (s, "h2-", 3) == 0))
            conv->app_proto = REMORA_TLS_APP_HTTP2;
          else if (len == 8 && (memcmp (s, "http/1.1", 8) == 0 || memcmp (s, "http/1.0", 8) == 0))
            conv->app_proto = REMORA_TLS_APP_HTTP;
        }
      o += 1u + len;
    }
}

static void
dissect_key_share_entry (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 o, guint32 *next)
{
  guint16 group = remora_tvb_get_ntohs (tvb, o);
  guint16 len = remora_tvb_get_ntohs (tvb, o + 2);
  RemoraItem e;

  if (pkt->tree_mode)
    {
      const char *name = remora_value_string_lookup (tls_group_vals, group);
      char buf[32];

      if (name == NULL)
        {
          g_snprintf (buf, sizeof buf, "Unknown (%u)", group);
          name = buf;
        }
      e = remora_add_text (pkt, tree, tvb, o, 4u + len, "Key Share Entry: Group: %s, Key Exchange length: %u", name, len);
    }
  else
    e = 0;
  remora_add_item (pkt, e, hf_ks_group, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, e, hf_ks_kx_len, tvb, o + 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, e, hf_ks_kx, tvb, o + 4, len, REMORA_ENC_NA);
  *next = o + 4u + len;
}

static void
dissect_key_share (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint8 msg_type)
{
  guint32 avail = remora_tvb_reported_remaining (tvb, 0), o, end;
  RemoraItem st;

  if (msg_type == 6 || (msg_type == 2 && avail == 2))
    {
      /* HelloRetryRequest: only the group the server wants */
      remora_add_item (pkt, tree, hf_ks_selected, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
      return;
    }
  st = remora_add_text (pkt, tree, tvb, 0, avail, "Key Share extension");
  if (msg_type == 2)
    {
      dissect_key_share_entry (tvb, pkt, st, 0, &o);
      return;
    }
  remora_add_item (pkt, st, hf_ks_client_len, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  end = 2u + remora_tvb_get_ntohs (tvb, 0);
  o = 2;
  while (o < end)
    dissect_key_share_entry (tvb, pkt, st, o, &o);
}

static void
dissect_extension_body (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree,
                        guint16 type, guint8 msg_type, RemoraTlsConv *conv)
{
  guint32 len = remora_tvb_reported_remaining (tvb, 0), o, n;
  gboolean server = msg_type != 1;
  RemoraItem st;

  switch (type)
    {
    case 0:   /* server_name: empty in a ServerHello */
      dissect_sni (tvb, pkt, tree);
      return;
    case 5:   /* status_request */
      if (len == 0)
        return;
      remora_add_item (pkt, tree, hf_status_type, tvb, 0, 1, REMORA_ENC_NA);
      if (remora_tvb_get_u8 (tvb, 0) == 1)
        {
          n = remora_tvb_get_ntohs (tvb, 1);
          remora_add_item (pkt, tree, hf_status_rid_len, tvb, 1, 2, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, tree, hf_status_exts_len, tvb, 3u + n, 2, REMORA_ENC_BIG_ENDIAN);
        }
      return;
    case 10:  /* supported_groups */
      n = remora_tvb_get_ntohs (tvb, 0);
      remora_add_item (pkt, tree, hf_groups_len, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
      st = remora_add_item_format (pkt, tree, hf_groups, tvb, 2, n, "Supported Groups (%u group%s)", n / 2, n / 2 == 1 ? "" : "s");
      for (o = 0; o + 2 <= n; o += 2)
        remora_add_item (pkt, st, hf_group, tvb, 2 + o, 2, REMORA_ENC_BIG_ENDIAN);
      return;
    case 11:  /* ec_point_formats */
      n = remora_tvb_get_u8 (tvb, 0);
      remora_add_item (pkt, tree, hf_ecpf_len, tvb, 0, 1, REMORA_ENC_NA);
      st = remora_add_item_format (pkt, tree, hf_ecpf_list, tvb, 1, n, "Elliptic curves point formats (%u)", n);
      for (o = 0; o < n; o++)
        remora_add_item (pkt, st, hf_ecpf, tvb, 1 + o, 1, REMORA_ENC_NA);
      return;
    case 13:  /* signature_algorithms */
    case 50:  /* signature_algorithms_cert */
      n = remora_tvb_get_ntohs (tvb, 0);
      remora_add_item (pkt, tree, hf_sig_len, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
      st = remora_add_item_format (pkt, tree, hf_sig_algs, tvb, 2, n, "Signature Hash Algorithms (%u algorithm%s)",
                                   n / 2, n / 2 == 1 ? "" : "s");
      for (o = 0; o + 2 <= n; o += 2)
        add_sig_alg (tvb, pkt, st, 2 + o);
      return;
    case 15:  /* heartbeat */
      remora_add_item (pkt, tree, hf_hb_mode, tvb, 0, 1, REMORA_ENC_NA);
      return;
    case 16:  /* application_layer_protocol_negotiation */
      dissect_alpn (tvb, pkt, tree, conv, server);
      return;
    case 21:  /* padding */
      if (len > 0)
        remora_add_item (pkt, tree, hf_padding, tvb, 0, len, REMORA_ENC_NA);
      return;
    case 35:  /* session_ticket */
      if (pkt->tree_mode)
        remora_add_text (pkt, tree, tvb, 0, len, "Data (%u byte%s)", len, len == 1 ? "" : "s");
      return;
    case 43:  /* supported_versions */
      if (server)
        {
          guint16 v = remora_tvb_get_ntohs (tvb, 0);

          remora_add_item (pkt, tree, hf_sv, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
          if (msg_type == 2 && conv != NULL && !pkt->visited && remora_tls_version_short_name (v) != NULL)
            conv->version = v;
          return;
        }
      n = remora_tvb_get_u8 (tvb, 0);
      remora_add_item (pkt, tree, hf_sv_len, tvb, 0, 1, REMORA_ENC_NA);
      for (o = 0; o + 2 <= n; o += 2)
        remora_add_item (pkt, tree, hf_sv, tvb, 1 + o, 2, REMORA_ENC_BIG_ENDIAN);
      return;
    case 45:  /* psk_key_exchange_modes */
      n = remora_tvb_get_u8 (tvb, 0);
      remora_add_item (pkt, tree, hf_psk_modes_len, tvb, 0, 1, REMORA_ENC_NA);
      for (o = 0; o < n; o++)
        remora_add_item (pkt, tree, hf_psk_mode, tvb, 1 + o, 1, REMORA_ENC_NA);
      return;
    case 51:  /* key_share */
      dissect_key_share (tvb, pkt, tree, msg_type);
      return;
    case 65281: /* renegotiation_info */
      st = remora_add_text (pkt, tree, tvb, 0, len, "Renegotiation Info extension");
      n = remora_tvb_get_u8 (tvb, 0);
      remora_add_item (pkt, st, hf_reneg_len, tvb, 0, 1, REMORA_ENC_NA);
      if (n > 0)
        remora_add_item (pkt, st, hf_reneg, tvb, 1, n, REMORA_ENC_NA);
      return;
    case 22: case 23: case 49:
      return;   /* encrypt_then_mac, extended_master_secret, post_handshake_auth: empty */
    default:
      if (len > 0)
        remora_add_item (pkt, tree, hf_ext_data, tvb, 0, len, REMORA_ENC_NA);
      return;
    }
}

static void
dissect_extensions (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 o,
                    guint8 msg_type, RemoraTlsConv *conv)
{
  guint32 end;

  end = o + 2u + remora_tvb_get_ntohs (tvb, o);
  remora_add_item (pkt, tree, hf_ext_length, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
  o += 2;
  /* each pass consumes at least 4 bytes, and END is at most 64 KiB on */
  while (o < end)
    {
      guint16 type = remora_tvb_get_ntohs (tvb, o);
      guint16 len = remora_tvb_get_ntohs (tvb, o + 2);
      RemoraItem et = 0;
      RemoraTvb body;

      if (pkt->tree_mode)
        {
          const char *name = remora_value_string_lookup (tls_extension_type_vals, type);

          if (name != NULL)
            et = remora_add_text (pkt, tree, tvb, o, 4u + len, "Extension: %s (len=%u)", name, len);
          else
            et = remora_add_text (pkt, tree, tvb, o, 4u + len, "Extension: Unknown type %u (len=%u)", type, len);
        }
      remora_add_item (pkt, et, hf_ext_type, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, et, hf_ext_len, tvb, o + 2, 2, REMORA_ENC_BIG_ENDIAN);
      remora_tvb_subset_length (&body, tvb, o + 4, len);
      dissect_extension_body (&body, pkt, et, type, msg_type, conv);
      o += 4u + len;
    }
}

static void
dissect_hello (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint8 type, RemoraTlsConv *conv)
{
  guint32 len = remora_tvb_reported_remaining (tvb, 0), o = 0, n;
  gboolean with_time;

  remora_add_item (pkt, tree, hf_hs_version, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  /* A TLS 1.3 ServerHello: its supported_versions is what counts, and it
   * decides whether the random starts with a time (it does not in 1.3). */
  if (type == 2 && !pkt->visited && conv != NULL)
    {
      guint16 v = remora_tvb_get_ntohs (tvb, 0);

      if (remora_tls_version_short_name (v) != NULL)
        conv->version = v;
    }
  with_time = conv == NULL || conv->version != 0x0304;
  if (type == 2 && with_time)
    {
      /* Look ahead for supported_versions before drawing the random. */
      guint32 p = 2 + 32;

      if (remora_tvb_bytes_exist (tvb, p, 1))
        {
          p += 1u + remora_tvb_get_u8 (tvb, p) + 3;
          if (remora_tvb_bytes_exist (tvb, p, 2))
            {
              guint32 end = p + 2u + remora_tvb_get_ntohs (tvb, p);

              p += 2;
              while (p < end && remora_tvb_bytes_exist (tvb, p, 6))
                {
                  if (remora_tvb_get_ntohs (tvb, p) == 43 && remora_tvb_get_ntohs (tvb, p + 4) == 0x0304)
                    with_time = FALSE;
                  p += 4u + remora_tvb_get_ntohs (tvb, p + 2);
                }
            }
        }
    }
  add_random (tvb, pkt, tree, 2, with_time);
  o = 34;
  n = remora_tvb_get_u8 (tvb, o);
  remora_add_uint (pkt, tree, hf_session_id_length, tvb, o, 1, n);
  o++;
  if (n > 0)
    remora_add_item (pkt, tree, hf_session_id, tvb, o, n, REMORA_ENC_NA);
  o += n;
  if (type == 1)
    {
      n = remora_tvb_get_ntohs (tvb, o);
      remora_add_item (pkt, tree, hf_cs_length, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
      o += 2;
      RemoraItem st = remora_add_item_format (pkt, tree, hf_cs_list, tvb, o, n, "Cipher Suites (%u suite%s)",
                                              n / 2, n / 2 == 1 ? "" : "s");
      for (guint32 i = 0; i + 2 <= n; i += 2)
        remora_add_item (pkt, st, hf_cs, tvb, o + i, 2, REMORA_ENC_BIG_ENDIAN);
      o += n;
      n = remora_tvb_get_u8 (tvb, o);
      remora_add_item (pkt, tree, hf_comp_length, tvb, o, 1, REMORA_ENC_NA);
      o++;
      st = remora_add_item_format (pkt, tree, hf_comp_list, tvb, o, n, "Compression Methods (%u method%s)",
                                   n, n == 1 ? "" : "s");
      for (guint32 i = 0; i < n; i++)
        remora_add_item (pkt, st, hf_comp, tvb, o + i, 1, REMORA_ENC_NA);
      o += n;
    }
  else
    {
      remora_add_item (pkt, tree, hf_cs, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
      o += 2;
      if (type == 2)
        {
          remora_add_item (pkt, tree, hf_comp, tvb, o, 1, REMORA_ENC_NA);
          o++;
        }
    }
  if (o < len)
    dissect_extensions (tvb, pkt, tree, o, type, conv);
}

static void
dissect_certificate (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, const RemoraTlsConv *conv)
{
  guint32 o = 0, n, end;
  gboolean tls13 = conv != NULL && conv->version == 0x0304;
  RemoraItem list;

  if (tls13)
    {
      n = remora_tvb_get_u8 (tvb, 0);
      remora_add_item (pkt, tree, hf_cert_ctx_len, tvb, 0, 1, REMORA_ENC_NA);
      if (n > 0)
        remora_add_item (pkt, tree, hf_cert_ctx, tvb, 1, n, REMORA_ENC_NA);
      o = 1 + n;
    }
  n = remora_tvb_get_ntoh24 (tvb, o);
  remora_add_item (pkt, tree, hf_certs_len, tvb, o, 3, REMORA_ENC_BIG_ENDIAN);
  o += 3;
  list = remora_add_item_format (pkt, tree, hf_certs, tvb, o, n, "Certificates (%u bytes)", n);
  end = o + n;
  /* each pass consumes at least 3 bytes */
  while (o < end)
    {
      guint32 clen = remora_tvb_get_ntoh24 (tvb, o);

      remora_add_item (pkt, list, hf_cert_len, tvb, o, 3, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, list, hf_cert, tvb, o + 3, clen, REMORA_ENC_NA);
      o += 3 + clen;
      if (tls13)
        {
          guint32 elen = remora_tvb_get_ntohs (tvb, o);

          remora_add_item (pkt, list, hf_ext_length, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
          o += 2 + elen;
        }
    }
}

/* The key exchange messages depend on the negotiated suite, known here
 * only by its name. */
static const char *
kex_kind (const RemoraTlsConv *conv, guint16 suite)
{
  const char *name = remora_value_string_lookup (tls_cipher_suite_vals, suite);

  (void) conv;
  if (name == NULL)
    return NULL;
  if (strstr (name, "_ECDHE_") != NULL || strstr (name, "_ECDH_anon_") != NULL)
    return "ecdhe";
  if (strstr (name, "_DHE_") != NULL || strstr (name, "_DH_anon_") != NULL)
    return "dhe";
  if (g_str_has_prefix (name, "TLS_RSA_") || g_str_has_prefix (name, "SSL_RSA_"))
    return "rsa";
  return NULL;
}

static void
add_len_and_bytes (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 *o,
                   int hf_len, int hf_data, guint width)
{
  guint32 n = width == 1 ? remora_tvb_get_u8 (tvb, *o) : remora_tvb_get_ntohs (tvb, *o);

  remora_add_item (pkt, tree, hf_len, tvb, *o, width, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_data, tvb, *o + width, n, REMORA_ENC_NA);
  *o += width + n;
}

static void
dissect_server_key_exchange (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, const char *kind,
                             const RemoraTlsConv *conv)
{
  guint32 o = 0, len = remora_tvb_reported_remaining (tvb, 0);
  RemoraItem st;

  if (kind == NULL)
    return;
  if (strcmp (kind, "ecdhe") == 0)
    {
      st = remora_add_text (pkt, tree, tvb, 0, len, "EC Diffie-Hellman Server Params");
      remora_add_item (pkt, st, hf_curve_type, tvb, 0, 1, REMORA_ENC_NA);
      remora_add_item (pkt, st, hf_named_curve, tvb, 1, 2, REMORA_ENC_BIG_ENDIAN);
      o = 3;
      add_len_and_bytes (tvb, pkt, st, &o, hf_srv_point_len, hf_srv_point, 1);
    }
  else if (strcmp (kind, "dhe") == 0)
    {
      st = remora_add_text (pkt, tree, tvb, 0, len, "Diffie-Hellman Server Params");
      add_len_and_bytes (tvb, pkt, st, &o, hf_p_len, hf_p, 2);
      add_len_and_bytes (tvb, pkt, st, &o, hf_g_len, hf_g, 2);
      add_len_and_bytes (tvb, pkt, st, &o, hf_ys_len, hf_ys, 2);
    }
  else
    return;
  if (o >= len)
    return;
  if (conv->version == 0x0303)
    {
      add_sig_alg (tvb, pkt, st, o);
      o += 2;
    }
  add_len_and_bytes (tvb, pkt, st, &o, hf_sk_sig_len, hf_sk_sig, 2);
}

static void
dissect_client_key_exchange (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, const char *kind,
                             gboolean ssl3)
{
  guint32 o = 0, len = remora_tvb_reported_remaining (tvb, 0);
  RemoraItem st;

  if (kind == NULL)
    return;
  if (strcmp (kind, "ecdhe") == 0)
    {
      st = remora_add_text (pkt, tree, tvb, 0, len, "EC Diffie-Hellman Client Params");
      add_len_and_bytes (tvb, pkt, st, &o, hf_cli_point_len, hf_cli_point, 1);
    }
  else if (strcmp (kind, "dhe") == 0)
    {
      st = remora_add_text (pkt, tree, tvb, 0, len, "Diffie-Hellman Client Params");
      add_len_and_bytes (tvb, pkt, st, &o, hf_yc_len, hf_yc, 2);
    }
  else
    {
      st = remora_add_text (pkt, tree, tvb, 0, len, "RSA Encrypted PreMaster Secret");
      /* SSL 3.0 sends the ciphertext without a length */
      if (ssl3)
        remora_add_item (pkt, st, hf_epms, tvb, 0, len, REMORA_ENC_NA);
      else
        add_len_and_bytes (tvb, pkt, st, &o, hf_epms_len, hf_epms, 2);
    }
}

static void
dissect_new_session_ticket (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, const RemoraTlsConv *conv)
{
  guint32 len = remora_tvb_reported_remaining (tvb, 0), o = 4, hint;
  RemoraItem st, it;

  st = remora_add_text (pkt, tree, tvb, 0, len, "TLS Session Ticket");
  hint = remora_tvb_get_ntohl (tvb, 0);
  it = remora_add_item (pkt, st, hf_ticket_hint, tvb, 0, 4, REMORA_ENC_BIG_ENDIAN);
  if (pkt->tree_mode)
    {
      GString *d = g_string_new (NULL);

      format_duration (d, hint);
      remora_item_set_text (pkt, it, "Session Ticket Lifetime Hint: %u second%s (%s)", hint, hint == 1 ? "" : "s", d->str);
      g_string_free (d, TRUE);
    }
  if (conv->version == 0x0304)
    {
      remora_add_item (pkt, st, hf_ticket_age_add, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
      o = 8;
      add_len_and_bytes (tvb, pkt, st, &o, hf_ticket_nonce_len, hf_ticket_nonce, 1);
    }
  add_len_and_bytes (tvb, pkt, st, &o, hf_ticket_len, hf_ticket, 2);
  if (conv->version == 0x0304 && o < len)
    dissect_extensions (tvb, pkt, st, o, 4, NULL);
}

const char *
remora_tls_dissect_handshake (const RemoraTvb *tvb,
                              RemoraPacket    *pkt,
                              RemoraItem       record,
                              guint32          offset,
                              guint32          length,
                              RemoraTlsConv   *conv,
                              int              dir)
{
  const char *summary = remora_tls_handshake_summary (tvb, offset, length, conv, dir);
  guint32 o = offset, end = offset + length;

  /* each pass consumes at least 4 bytes or ends the loop */
  while (o < end)
    {
      guint8 type;
      guint32 len;
      const char *name;
      RemoraItem hs;
      RemoraTvb msg;

      if (!message_is_plain (tvb, o, end - o, conv, dir))
        {
          hs = remora_add_item (pkt, record, hf_handshake, tvb, o, end - o, REMORA_ENC_NA);
          remora_item_set_text (pkt, hs, "Handshake Protocol: Encrypted Handshake Message");
          remora_col_append_sep_info (pkt, ", ", "Encrypted Handshake Message");
          break;
        }
      type = remora_tvb_get_u8 (tvb, o);
      len = remora_tvb_get_ntoh24 (tvb, o + 1);
      name = handshake_name (type);
      remora_col_append_sep_info (pkt, ", ", "%s", name);
      hs = remora_add_item (pkt, record, hf_handshake, tvb, o, 4 + len, REMORA_ENC_NA);
      remora_item_set_text (pkt, hs, "Handshake Protocol: %s", name);
      remora_add_item (pkt, hs, hf_hs_type, tvb, o, 1, REMORA_ENC_NA);
      remora_add_item (pkt, hs, hf_hs_length, tvb, o + 1, 3, REMORA_ENC_BIG_ENDIAN);
      remora_tvb_subset_length (&msg, tvb, o + 4, len);
      switch (type)
        {
        case 1:
        case 2:
          dissect_hello (&msg, pkt, hs, type, conv);
          if (type == 2 && !pkt->visited && remora_tvb_bytes_exist (&msg, 0, 35))
            {
              guint32 sid = remora_tvb_get_u8 (&msg, 34);

              if (remora_tvb_bytes_exist (&msg, 35 + sid, 2))
                conv->suite = remora_tvb_get_ntohs (&msg, 35 + sid);
            }
          break;
        case 4:
          dissect_new_session_ticket (&msg, pkt, hs, conv);
          break;
        case 8:
          if (len >= 2)
            dissect_extensions (&msg, pkt, hs, 0, type, conv);
          break;
        case 11:
          dissect_certificate (&msg, pkt, hs, conv);
          break;
        case 12:
          dissect_server_key_exchange (&msg, pkt, hs, kex_kind (conv, conv->suite), conv);
          break;
        case 16:
          dissect_client_key_exchange (&msg, pkt, hs, kex_kind (conv, conv->suite), conv->version == 0x0300);
          break;
        case 20:
          remora_add_item (pkt, hs, hf_verify_data, &msg, 0, len, REMORA_ENC_NA);
          break;
        default:
          break;
        }
      o += 4 + len;
    }
  return summary;
}
