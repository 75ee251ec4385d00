#pragma once

#include "chat/ChatRateLimiter.h"
#include "handlers/RouteTable.h"

namespace caredesk::server {

class ChatFeed;
class ChatWriter;

// Chat between a visit's patient and the care team.
//   chat_open, chat_close, chat_page,     the visit's patient; support and admin;
//   chat_send, chat_read, chat_typing     the provider assigned to the visit
//   chat_subscribe                        any caregiver (providers: their visits)
//   chat_claim, chat_transfer,
//   list_chat_staff                       support, admin
// A caregiver's read of a thread (open, page) and of the thread list is audited.
class ChatHandler {
public:
    ChatHandler(ChatFeed &feed, ChatWriter &writer, ChatRateLimiter::Options limits = {});

    void registerRoutes(RouteTable &routes);

private:
    void registerReads(RouteTable &routes);
    void registerWrites(RouteTable &routes);
    void registerOwnership(RouteTable &routes);

    ChatFeed &m_feed;
    ChatWriter &m_writer;
    ChatRateLimiter m_limiter;
};

} // namespace caredesk::server
