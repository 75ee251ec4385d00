#pragma once

#include "domain/ProviderAvailability.h"
#include "domain/StateStatus.h"
#include "state/IntakeOutcome.h"
#include "state/ProviderChoice.h"
#include "state/QueueVisitRow.h"
#include "state/RequestFailure.h"
#include "state/ShiftRequest.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <chrono>
#include <functional>
#include <nlohmann/json_fwd.hpp>

namespace caredesk::protocol {
struct Envelope;
struct FileVisit;
enum class MessageType;
} // namespace caredesk::protocol

namespace caredesk::console {

class QueueStore;
class ServerConnection;

// The queue board's traffic. After every session that starts (a sign-in or a
// resume after a reconnect) it subscribes to the queues and feeds the
// snapshot and then every queue_delta into the store; when the store finds a
// delta missing it subscribes again. It never polls: the only repeated request
// is a retry of a subscription the server could not serve.
//
// It also sends the caregivers' actions on the queues and reports each outcome
// as a signal; what the server refused is described for a person.
class QueueChannel : public QObject {
    Q_OBJECT

public:
    QueueChannel(ServerConnection &connection, QueueStore &store, QObject *parent = nullptr);

    // Asks for a fresh snapshot now (a new stream); normally automatic.
    void subscribe();
    // Subscriptions sent so far, for the log and tests.
    int subscriptionCount() const { return m_subscriptions; }

    void setStateStatus(const QString &stateCode, caredesk::domain::StateStatus status);
    void takeNextVisit();
    void assignVisit(qint64 visitId, qint64 providerId);
    void setVisitPriority(qint64 visitId, int priority);
    void removeVisit(qint64 visitId, const QString &reason);
    // Providers: their own status (available, on break or offline); the
    // board shows it once the queue stream says so.
    void setAvailability(caredesk::domain::AvailabilityStatus status);
    // A provider's own shift, or an admin's change to anyone's. Ends in
    // shiftSaved or shiftFailed.
    void setShift(const caredesk::console::ShiftRequest &request);
    // Support and admins: the providers with their availability and licenses.
    void listProviders();
    // Support and admins: intake on a patient's behalf. Ends in visitFiled,
    // intakeRefused or fileVisitFailed.
    void fileVisit(const protocol::FileVisit &request);

signals:
    // action: what was asked, in words ("Set Texas to busy").
    void actionSucceeded(const QString &action);
    // code: the protocol's error name; message: the server's explanation.
    void actionFailed(const QString &action, const QString &code, const QString &message);
    // The server handed this visit to the signed-in provider (take next).
    void visitTaken(const caredesk::console::QueueVisitRow &visit);
    void shiftSaved(const caredesk::console::ShiftRequest &request);
    void shiftFailed(const caredesk::console::ShiftRequest &request,
                     const caredesk::console::RequestFailure &failure);
    void providersListed(const QList<caredesk::console::ProviderChoice> &providers);
    void providerListFailed(const QString &code, const QString &message);
    void visitFiled(const caredesk::console::FiledVisit &visit);
    void intakeRefused(const caredesk::console::IntakeRefusal &refusal);
    // field: the JSON path the server named ("body.dateOfBirth"), or empty.
    void fileVisitFailed(const QString &code, const QString &message, const QString &field);

private:
    void onSessionStarted();
    void onPush(const protocol::Envelope &push);
    void onSubscribeFailed(const QString &code, const QString &message, bool local);
    // Sends an action; on success onOk runs (with the reply), else actionFailed.
    void sendAction(const QString &action, protocol::MessageType type, const nlohmann::json &body,
                    std::function<void(const protocol::Envelope &)> onOk);
    QString visitLabel(qint64 visitId) const;
    QString stateLabel(const QString &code) const;

    ServerConnection &m_connection;
    QueueStore &m_store;
    // Bumped by every subscription, so the reply to an older one is ignored.
    quint64 m_subscription = 0;
    int m_subscriptions = 0;
    QTimer m_retryTimer;
    std::chrono::milliseconds m_retryDelay;
};

} // namespace caredesk::console
