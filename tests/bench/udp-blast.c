/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sends small UDP datagrams at a steady rate, for bench-capture.sh:
 *
 *   udp-blast ADDRESS PORT PACKETS_PER_SECOND SECONDS [PAYLOAD_BYTES]
 *
 * Paced in 1 ms slices (sendmmsg batches, an absolute clock so that late
 * slices catch up); prints "sent N in S s (R/s)" at the end.  A full
 * socket buffer is waited out (blocking send), so the rate printed is the
 * one the receiving end saw offered. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH_MAX 1024

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int   argc,
      char *argv[])
{
  struct sockaddr_in to = { 0 };
  static struct mmsghdr msgs[BATCH_MAX];
  static struct iovec iov[BATCH_MAX];
  static char payload[1500];
  struct timespec next;
  double rate, seconds, start, elapsed;
  unsigned long long sent = 0, target;
  size_t size = 18;
  int fd;

  if (argc < 5)
    {
      fprintf (stderr, "usage: %s ADDRESS PORT PACKETS_PER_SECOND SECONDS [PAYLOAD_BYTES]\n", argv[0]);
      return 2;
    }
  to.sin_family = AF_INET;
  to.sin_port = htons ((unsigned short) atoi (argv[2]));
  if (inet_pton (AF_INET, argv[1], &to.sin_addr) != 1)
    {
      fprintf (stderr, "udp-blast: not an IPv4 address: %s\n", argv[1]);
      return 2;
    }
  rate = atof (argv[3]);
  seconds = atof (argv[4]);
  if (argc > 5)
    size = (size_t) atoi (argv[5]);
  if (rate <= 0 || seconds <= 0 || size > sizeof payload)
    {
      fprintf (stderr, "udp-blast: bad rate, duration or size\n");
      return 2;
    }
  memset (payload, 'r', sizeof payload);
  fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0 || connect (fd, (struct sockaddr *) &to, sizeof to) < 0)
    {
      perror ("udp-blast: socket");
      return 1;
    }
  for (int i = 0; i < BATCH_MAX; i++)
    {
      iov[i].iov_base = payload;
      iov[i].iov_len = size;
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }

  target = (unsigned long long) (rate * seconds);
  start = now ();
  clock_gettime (CLOCK_MONOTONIC, &next);
  while (sent < target)
    {
      /* What should have gone by the end of this slice. */
      double slice_end = (next.tv_sec + next.tv_nsec / 1e9) - start + 0.001;
      unsigned long long due = (unsigned long long) (rate * slice_end);

      if (due > target)
        due = target;
      while (sent < due)
        {
          unsigned long long n = due - sent;
          int done;

          if (n > BATCH_MAX)
            n = BATCH_MAX;
          done = sendmmsg (fd, msgs, (unsigned int) n, 0);
          if (done < 0)
            {
              /* ICMP port unreachable from the other end reports back as
               * ECONNREFUSED on a connected socket: not ours to mind. */
              if (errno == ECONNREFUSED || errno == EINTR)
                continue;
              perror ("udp-blast: sendmmsg");
              return 1;
            }
          sent += (unsigned long long) done;
        }
      next.tv_nsec += 1000000;
      if (next.tv_nsec >= 1000000000)
        {
          next.tv_sec++;
          next.tv_nsec -= 1000000000;
        }
      clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
  elapsed = now () - start;
  printf ("sent %llu in %.2f s (%.0f/s)\n", sent, elapsed, sent / elapsed);
  return 0;
}
