/*
** The baseline of the API benchmark (bench/scale.sh): a bare libmicrohttpd
** server answering every request with one fixed JSON body, with the same
** daemon flags and thread pool as `shouhu serve` (src/http/server.c). What
** Shouhu's API reaches against it is the cost of routing, authentication,
** the database and JSON. Compiled by bench/scale.sh; not part of the binary.
**
** Usage: bare_mhd PORT THREADS MAX_CONNECTIONS   (runs until SIGTERM/SIGINT)
*/
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char BODY[] =
    "{\"id\":1,\"version\":1,\"name\":\"\xe5\x88\x98\xe8\x8f\xb2\xe6\x99\xa8\",\"id_number\":\"441900202011095584\","
    "\"sex\":\"female\",\"birth_date\":\"2020-11-09\",\"area\":\"441900003001\",\"status\":\"active\","
    "\"categories\":[{\"code\":\"left_behind\",\"from\":\"2022-01-01\",\"status\":\"approved\"}]}";

static struct MHD_Response *response;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size, (void)state;
    return MHD_queue_response(conn, MHD_HTTP_OK, response);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bare_mhd PORT THREADS MAX_CONNECTIONS\n");
        return 2;
    }
    response = MHD_create_response_from_buffer(strlen(BODY), (void *)BODY, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(response, "Content-Type", "application/json");
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC, (uint16_t)atoi(argv[1]), NULL, NULL, answer,
        NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[2]), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)atoi(argv[3]), MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "bare_mhd: cannot start\n");
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    printf("listening on %s\n", argv[1]);
    fflush(stdout);
    while (!stop) pause();
    MHD_stop_daemon(d);
    MHD_destroy_response(response);
    return 0;
}
