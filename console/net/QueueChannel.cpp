#include "net/QueueChannel.h"

#include "state/ProtocolText.h"
#include "net/ProtocolReplies.h"
#include "net/ServerConnection.h"
#include "protocol/Messages.h"
#include "state/QueueStore.h"

#include <QLoggingCategory>
#include <algorithm>

Q_LOGGING_CATEGORY(lcQueue, "caredesk.queue", QtInfoMsg)

namespace caredesk::console {

namespace {

using namespace std::chrono_literals;

// A subscription the server could not serve (database restarting, overload)
// is tried again after this, doubling up to the maximum.
constexpr std::chrono::milliseconds kFirstRetryDelay = 1s;
constexpr std::chrono::milliseconds kMaxRetryDelay = 30s;

QString stateStatusWord(domain::StateStatus status) {
    switch (status) {
    case domain::StateStatus::Open:
        return QueueChannel::tr("open");
    case domain::StateStatus::Busy:
        return QueueChannel::tr("busy");
    case domain::StateStatus::Closed:
        return QueueChannel::tr("closed");
    }
    return {};
}

// "Set your status to on break": what the person asked for, in words.
QString availabilityAction(domain::AvailabilityStatus status) {
    switch (status) {
    case domain::AvailabilityStatus::Available:
        return QueueChannel::tr("Set your status to available");
    case domain::AvailabilityStatus::OnBreak:
        return QueueChannel::tr("Set your status to on break");
    case domain::AvailabilityStatus::Offline:
        return QueueChannel::tr("Set your status to offline");
    case domain::AvailabilityStatus::InVisit:
        break;
    }
    return QueueChannel::tr("Set your status");
}

} // namespace

QueueChannel::QueueChannel(ServerConnection &connection, QueueStore &store, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_retryDelay(kFirstRetryDelay) {
    qRegisterMetaType<ProviderChoice>();
    qRegisterMetaType<QList<ProviderChoice>>();
    qRegisterMetaType<FiledVisit>();
    qRegisterMetaType<IntakeRefusal>();
    qRegisterMetaType<ShiftRequest>();
    qRegisterMetaType<RequestFailure>();

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &QueueChannel::subscribe);

    connect(&m_connection, &ServerConnection::sessionStarted, this,
            [this](const SessionInfo &, bool resumed) {
                // Someone signed in afresh (maybe someone else): nothing of the
                // previous board may show. A resumed session keeps it until the
                // snapshot says what changed.
                if (!resumed)
                    m_store.clear();
                onSessionStarted();
            });
    connect(&m_connection, &ServerConnection::stateChanged, this,
            [this](const ConnectionState &state) {
                if (state.phase == ConnectionState::Phase::Connected)
                    return;
                ++m_subscription; // replies of the old link can no longer come
                m_retryTimer.stop();
                m_store.markDisconnected();
            });
    connect(&m_connection, &ServerConnection::loggedOut, &m_store, &QueueStore::clear);
    connect(&m_connection, &ServerConnection::sessionExpired, &m_store, &QueueStore::clear);
    connect(&m_connection, &ServerConnection::pushReceived, this, &QueueChannel::onPush);
    connect(&m_store, &QueueStore::outOfSync, this, [this](qint64 expected, qint64 received) {
        qCInfo(lcQueue) << "queue stream gap: expected seq" << expected << "got" << received
                        << "- subscribing again";
        subscribe();
    });
}

void QueueChannel::onSessionStarted() {
    m_retryDelay = kFirstRetryDelay;
    subscribe();
}

void QueueChannel::subscribe() {
    m_retryTimer.stop();
    const quint64 subscription = ++m_subscription;
    ++m_subscriptions;
    m_store.markSubscribing();
    m_connection.request(
        protocol::MessageType::QueueSubscribe, bodyOf(protocol::QueueSubscribe{}),
        [this, subscription](const protocol::Result<protocol::Envelope> &reply) {
            if (subscription != m_subscription)
                return; // a newer subscription is under way
            if (!reply) {
                // The link went (or was never there): the next session subscribes.
                const bool local = !m_connection.canSendRequests();
                onSubscribeFailed(fromStd(protocol::errorCodeName(reply.error().code)),
                                  fromStd(reply.error().message), local);
                return;
            }
            auto snapshot = replyAs<protocol::QueueSnapshot>(*reply);
            if (!snapshot) {
                qCWarning(lcQueue)
                    << "unreadable queue snapshot:" << fromStd(snapshot.error().message);
                onSubscribeFailed(QStringLiteral("invalid_envelope"),
                                  fromStd(snapshot.error().message), false);
                return;
            }
            m_retryDelay = kFirstRetryDelay;
            qCInfo(lcQueue) << "queue snapshot:" << snapshot->states.size() << "states,"
                            << snapshot->visits.size() << "visits," << snapshot->providers.size()
                            << "providers, seq" << snapshot->seq;
            m_store.applySnapshot(*snapshot);
        });
}

void QueueChannel::onSubscribeFailed(const QString &code, const QString &message, bool local) {
    m_store.markDisconnected();
    if (local)
        return; // the next session subscribes again
    emit actionFailed(tr("Load the queues"), code, message);
    if (code == QLatin1String("forbidden") || code == QLatin1String("not_authenticated") ||
        code == QLatin1String("session_expired"))
        return; // asking again cannot help
    qCInfo(lcQueue) << "queue subscription failed (" << code << "), retrying in"
                    << m_retryDelay.count() << "ms";
    m_retryTimer.start(m_retryDelay);
    m_retryDelay = std::min(m_retryDelay * 2, kMaxRetryDelay);
}

void QueueChannel::onPush(const protocol::Envelope &push) {
    if (push.type != protocol::MessageType::QueueDelta)
        return;
    auto delta = protocol::decodeBody<protocol::QueueDelta>(push.body);
    if (!delta) {
        // A change we cannot read is a change we missed.
        qCWarning(lcQueue) << "unreadable queue delta:" << fromStd(delta.error().message);
        if (m_store.syncStatus() == QueueStore::SyncStatus::Live)
            subscribe();
        return;
    }
    m_store.applyDelta(*delta);
}

void QueueChannel::sendAction(const QString &action, protocol::MessageType type,
                              const nlohmann::json &body,
                              std::function<void(const protocol::Envelope &)> onOk) {
    m_connection.request(
        type, body,
        [this, action, onOk = std::move(onOk)](const protocol::Result<protocol::Envelope> &reply) {
            if (!reply) {
                emit actionFailed(action, fromStd(protocol::errorCodeName(reply.error().code)),
                                  fromStd(reply.error().message));
                return;
            }
            if (onOk)
                onOk(*reply);
            emit actionSucceeded(action);
        });
}

void QueueChannel::setStateStatus(const QString &stateCode, domain::StateStatus status) {
    const protocol::SetStateStatus message{stateCode.toStdString(),
                                           std::string(domain::stateStatusName(status))};
    sendAction(tr("Set %1 to %2").arg(stateLabel(stateCode), stateStatusWord(status)),
               message.kType, bodyOf(message), {});
}

void QueueChannel::takeNextVisit() {
    sendAction(tr("Take the next patient"), protocol::MessageType::TakeNextVisit,
               bodyOf(protocol::TakeNextVisit{}), [this](const protocol::Envelope &reply) {
                   auto assigned = replyAs<protocol::VisitAssigned>(reply);
                   if (assigned)
                       emit visitTaken(QueueVisitRow::fromProtocol(assigned->visit));
               });
}

void QueueChannel::assignVisit(qint64 visitId, qint64 providerId) {
    const protocol::AssignVisit message{visitId, providerId};
    sendAction(tr("Assign %1").arg(visitLabel(visitId)), message.kType, bodyOf(message), {});
}

void QueueChannel::setVisitPriority(qint64 visitId, int priority) {
    const protocol::SetVisitPriority message{visitId, priority};
    sendAction(tr("Set the priority of %1 to %2").arg(visitLabel(visitId)).arg(priority),
               message.kType, bodyOf(message), {});
}

void QueueChannel::removeVisit(qint64 visitId, const QString &reason) {
    const protocol::RemoveVisit message{visitId, reason.toStdString()};
    sendAction(tr("Remove %1 from the line").arg(visitLabel(visitId)), message.kType,
               bodyOf(message), {});
}

void QueueChannel::setAvailability(domain::AvailabilityStatus status) {
    if (!domain::isSettableAvailability(status)) {
        // "In visit" follows from the visits; the server would refuse it.
        qCWarning(lcQueue) << "not a status a provider sets:"
                           << fromStd(domain::availabilityStatusName(status));
        return;
    }
    const protocol::SetAvailability message{std::string(domain::availabilityStatusName(status))};
    sendAction(availabilityAction(status), message.kType, bodyOf(message), {});
}

void QueueChannel::setShift(const ShiftRequest &request) {
    const protocol::SetShift message{request.providerId, request.startsAtMs, request.endsAtMs};
    m_connection.request(message.kType, bodyOf(message),
                         [this, request](const protocol::Result<protocol::Envelope> &reply) {
                             if (!reply) {
                                 emit shiftFailed(request, failureOf(reply.error()));
                                 return;
                             }
                             emit shiftSaved(request);
                         });
}

void QueueChannel::listProviders() {
    const protocol::ListProviders message;
    m_connection.request(
        message.kType, bodyOf(message), [this](const protocol::Result<protocol::Envelope> &reply) {
            if (!reply) {
                emit providerListFailed(fromStd(protocol::errorCodeName(reply.error().code)),
                                        fromStd(reply.error().message));
                return;
            }
            auto list = replyAs<protocol::ProviderList>(*reply);
            if (!list) {
                emit providerListFailed(QStringLiteral("invalid_envelope"),
                                        fromStd(list.error().message));
                return;
            }
            QList<ProviderChoice> providers;
            providers.reserve(static_cast<qsizetype>(list->providers.size()));
            for (const auto &provider : list->providers) {
                ProviderChoice choice{provider.id,
                                      fromStd(provider.displayName),
                                      provider.available,
                                      provider.inVisit,
                                      {}};
                for (const auto &code : provider.states)
                    choice.licensedIn.append(fromStd(code));
                providers.append(std::move(choice));
            }
            emit providersListed(providers);
        });
}

void QueueChannel::fileVisit(const protocol::FileVisit &request) {
    // The reply carries the patient's token: nothing of it is logged here.
    m_connection.request(
        request.kType, bodyOf(request), [this](const protocol::Result<protocol::Envelope> &reply) {
            if (!reply) {
                emit fileVisitFailed(fromStd(protocol::errorCodeName(reply.error().code)),
                                     fromStd(reply.error().message), fromStd(reply.error().field));
                return;
            }
            if (reply->type == protocol::MessageType::IntakeRefused) {
                auto refused = replyAs<protocol::IntakeRefused>(*reply);
                if (refused) {
                    emit intakeRefused({fromStd(refused->reason), fromStd(refused->message),
                                        refused->nextOpenAt, refused->estimatedWaitSeconds});
                    return;
                }
                emit fileVisitFailed(QStringLiteral("invalid_envelope"),
                                     fromStd(refused.error().message), {});
                return;
            }
            auto accepted = replyAs<protocol::VisitAccepted>(*reply);
            if (!accepted) {
                emit fileVisitFailed(QStringLiteral("invalid_envelope"),
                                     fromStd(accepted.error().message), {});
                return;
            }
            const protocol::PatientVisit &visit = accepted->visit;
            qCInfo(lcQueue) << "filed visit" << visit.visitId << "in" << fromStd(visit.state);
            emit visitFiled({fromStd(accepted->token), visit.visitId, fromStd(visit.state),
                             visit.position, visit.estimatedWaitSeconds});
        });
}

QString QueueChannel::visitLabel(qint64 visitId) const {
    if (const QueueVisitRow *visit = m_store.visit(visitId))
        return visit->patientName();
    return tr("visit %1").arg(visitId);
}

QString QueueChannel::stateLabel(const QString &code) const {
    if (const StateQueueRow *state = m_store.state(code))
        return state->name;
    return code;
}

} // namespace caredesk::console
