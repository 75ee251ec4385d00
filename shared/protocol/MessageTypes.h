#pragma once

// The one list of CareDesk message types. It is APPEND-ONLY: new types go at the
// end, a type is never renamed, renumbered or reused. The enum, the wire-name
// table, the round-trip tests and the server's dispatch table all come from it.
//
//   X(Enumerator, "wire_name")
//
// Every enumerator names a body struct of the same name in Messages.h.
#define CAREDESK_MESSAGE_TYPES(X)                                                                  \
    X(Hello, "hello")                    /* client -> server: first frame, version handshake */    \
    X(Welcome, "welcome")                /* server -> client: handshake accepted */                \
    X(Error, "error")                    /* server -> client: a request failed */                  \
    X(Ok, "ok")                          /* server -> client: a request succeeded, no data */      \
    X(Login, "login")                    /* client -> server: username + password */               \
    X(Resume, "resume")                  /* client -> server: continue a session by token */       \
    X(SessionStarted, "session")         /* server -> client: reply to login / resume */           \
    X(Logout, "logout")                  /* client -> server: revoke this session */               \
    X(ChangePassword, "change_password") /* client -> server: revokes the other sessions */        \
    X(ListCaregivers, "list_caregivers") /* client -> server (admin) */                            \
    X(CaregiverList, "caregiver_list")   /* server -> client: reply to list_caregivers */
