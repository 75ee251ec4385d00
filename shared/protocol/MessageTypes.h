#pragma once

// The one list of CareDesk message types. It is APPEND-ONLY: new types go at the
// end, a type is never renamed, renumbered or reused. The enum, the wire-name
// table, the round-trip tests and the server's dispatch table all come from it.
//
//   X(Enumerator, "wire_name")
//
// Every enumerator names a body struct of the same name in Messages.h.
#define CAREDESK_MESSAGE_TYPES(X)                                                                  \
    X(Hello, "hello")                     /* client -> server: first frame, version handshake */   \
    X(Welcome, "welcome")                 /* server -> client: handshake accepted */               \
    X(Error, "error")                     /* server -> client: a request failed */                 \
    X(Ok, "ok")                           /* server -> client: a request succeeded, no data */     \
    X(Login, "login")                     /* client -> server: username + password */              \
    X(Resume, "resume")                   /* client -> server: continue a session by token */      \
    X(SessionStarted, "session")          /* server -> client: reply to login / resume */          \
    X(Logout, "logout")                   /* client -> server: revoke this session */              \
    X(ChangePassword, "change_password")  /* client -> server: revokes the other sessions */       \
    X(ListCaregivers, "list_caregivers")  /* client -> server (admin) */                           \
    X(CaregiverList, "caregiver_list")    /* server -> client: reply to list_caregivers */         \
    X(ListStates, "list_states")          /* client -> server (anyone after hello) */              \
    X(StateList, "state_list")            /* server -> client: the states patients can pick */     \
    X(VisitRequest, "visit_request")      /* patient -> server: intake form */                     \
    X(VisitAccepted, "visit_accepted")    /* server -> patient: in the queue, with a secret */     \
    X(IntakeRefused, "intake_refused")    /* server -> patient: closed / at capacity / busy */     \
    X(VisitResume, "visit_resume")        /* patient -> server: back after reload or reconnect */  \
    X(VisitCancel, "visit_cancel")        /* patient -> server: leave the queue */                 \
    X(VisitStatus, "visit_status")        /* server -> patient: reply and push (seq) */            \
    X(QueueSubscribe, "queue_subscribe")  /* caregiver -> server: snapshot, then deltas */         \
    X(QueueSnapshot, "queue_snapshot")    /* server -> caregiver: every state and open visit */    \
    X(QueueDelta, "queue_delta")          /* server -> caregiver: push (seq) */                    \
    X(SetStateStatus, "set_state_status") /* support/admin: open / busy / closed */                \
    X(TakeNextVisit, "take_next_visit")   /* provider: claim the next eligible visit */            \
    X(VisitAssigned, "visit_assigned")    /* server -> provider: reply to take_next / assign */    \
    X(AssignVisit, "assign_visit")        /* support/admin: this visit to this provider */         \
    X(SetVisitPriority, "set_visit_priority") /* support/admin */                                  \
    X(RemoveVisit, "remove_visit")            /* support/admin: with a reason */                   \
    X(AdvanceVisit, "advance_visit")          /* provider: in_visit, completed, no_show, back */   \
    X(SetAvailability, "set_availability")    /* provider: available, on break or offline */       \
    X(ListStateSettings,                                                                           \
      "list_state_settings") /* support/admin: every state's hours and limits */                   \
    X(StateSettingsList, "state_settings_list")     /* server -> client: reply to list / update */ \
    X(UpdateStateSettings, "update_state_settings") /* admin: replace one state's settings */      \
    X(FileVisit, "file_visit")                /* support/admin: intake on a patient's behalf */    \
    X(ListProviders, "list_providers")        /* support/admin: who can be assigned visits */      \
    X(ProviderList, "provider_list")          /* server -> client: reply to list_providers */      \
    X(ChatSubscribe, "chat_subscribe")        /* caregiver: thread list, then deltas */            \
    X(ChatThreads, "chat_threads")            /* server -> caregiver: thread list / one thread */  \
    X(ChatThreadsDelta, "chat_threads_delta") /* server -> caregiver: push (seq) */                \
    X(ChatOpen, "chat_open")                  /* follow a thread; reply chat_history */            \
    X(ChatClose, "chat_close")                /* stop following a thread */                        \
    X(ChatPage, "chat_page")                  /* older or missed messages; reply chat_history */   \
    X(ChatHistory, "chat_history")            /* server -> client: messages of a thread */         \
    X(ChatSend, "chat_send")                  /* a message with the client's id */                 \
    X(ChatAck, "chat_ack")                    /* server -> sender: stored, with its seq */         \
    X(ChatMessage, "chat_message")            /* server -> followers: push of a new message */     \
    X(ChatTyping, "chat_typing")              /* both ways: someone is typing */                   \
    X(ChatRead, "chat_read")                  /* client -> server: read up to seq */               \
    X(ChatReadUpdate, "chat_read_update")     /* server -> followers: read positions moved */      \
    X(ChatClaim, "chat_claim")                /* support/admin: take a thread from the pool */     \
    X(ChatTransfer, "chat_transfer")          /* support/admin: to a colleague or the pool */      \
    X(ListChatStaff, "list_chat_staff")       /* support/admin: who can take a thread */           \
    X(ChatStaffList, "chat_staff_list")       /* server -> client: reply to list_chat_staff */     \
    X(ListCannedResponses, "list_canned_responses")   /* caregiver */                              \
    X(CannedResponses, "canned_responses")            /* server -> client: reply to list / save */ \
    X(SaveCannedResponse, "save_canned_response")     /* admin: create or replace one */           \
    X(DeleteCannedResponse, "delete_canned_response") /* admin */                                  \
    X(ListAuditEvents, "list_audit_events") /* admin: the audit trail, filtered, newest first */   \
    X(AuditEvents, "audit_events")          /* server -> admin: reply to list_audit_events */      \
    X(CreateCaregiver, "create_caregiver")  /* admin: a new account and its invitation */          \
    X(CaregiverInvite, "caregiver_invite")  /* server -> admin: the one-time activation code */    \
    X(UpdateCaregiver, "update_caregiver")  /* admin: name, roles, contact */                      \
    X(SetCaregiverActive, "set_caregiver_active")     /* admin: deactivate or reactivate */        \
    X(ResetCaregiverAccess, "reset_caregiver_access") /* admin: a new invitation */                \
    X(ActivateAccount, "activate_account")            /* anyone: invitation code + new password */ \
    X(ListLicenses, "list_licenses")                  /* admin: all; provider: their own */        \
    X(LicenseList, "license_list")                    /* server -> client: reply to list / save */ \
    X(SaveLicense, "save_license")                    /* admin: record or replace a license */     \
    X(ImportCaregivers, "import_caregivers")          /* admin: CSV, dry run or apply */           \
    X(ImportReport, "import_report") /* server -> admin: reply to import_caregivers */             \
    X(SetShift, "set_shift")         /* provider: own shift; admin: anyone's */
