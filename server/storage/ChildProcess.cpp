#include "storage/ChildProcess.h"

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <functional>
#include <future>
#include <grp.h>
#include <mutex>
#include <pthread.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace caredesk::server {

namespace {

// PR_SET_PDEATHSIG fires when the thread that forked the child ends, even if
// the process lives on. Children are therefore forked here, on a thread that
// is never joined and ends only with the process.
class ForkingThread {
public:
    static ForkingThread &instance() {
        // Deliberately never destroyed: it must outlive every child it forked,
        // including during static destruction at exit.
        static auto *thread = new ForkingThread;
        return *thread;
    }

    pid_t run(std::function<pid_t()> job) {
        std::packaged_task<pid_t()> task(std::move(job));
        auto result = task.get_future();
        {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        }
        m_wake.notify_one();
        return result.get();
    }

private:
    ForkingThread() {
        // With every signal blocked the thread never runs a handler meant for
        // the application, and its children start from a known mask (reset
        // before exec anyway).
        sigset_t all;
        sigset_t previous;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &previous);
        std::thread([this] { loop(); }).detach();
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }

    [[noreturn]] void loop() {
        for (;;) {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_tasks.empty(); });
            auto task = std::move(m_tasks.front());
            m_tasks.pop_front();
            lock.unlock();
            task();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::packaged_task<pid_t()>> m_tasks;
};

enum class ChildStep : int { Signals, ProcessGroup, Redirect, Groups, Gid, Uid, DeathSignal, Exec };

const char *describeStep(ChildStep step) {
    switch (step) {
    case ChildStep::Signals:
        return "resetting signals";
    case ChildStep::ProcessGroup:
        return "creating a process group";
    case ChildStep::Redirect:
        return "redirecting output";
    case ChildStep::Groups:
        return "setting supplementary groups";
    case ChildStep::Gid:
        return "switching group";
    case ChildStep::Uid:
        return "switching user";
    case ChildStep::DeathSignal:
        return "arming the parent-death signal";
    case ChildStep::Exec:
        return "executing";
    }
    return "starting";
}

struct ChildFailure {
    ChildStep step;
    int error;
};

// Runs in the forked child of a multi-threaded process: only async-signal-safe
// calls until exec. Failures travel to the parent over the close-on-exec pipe,
// whose end-of-file tells the parent that exec succeeded.
[[noreturn]] void runChild(const ChildProcessSpec &spec, char *const *argv, int devNull,
                           int reportFd, pid_t parent, int maxFd) {
    const auto fail = [reportFd](ChildStep step) {
        const ChildFailure failure{step, errno};
        [[maybe_unused]] const auto written = ::write(reportFd, &failure, sizeof failure);
        ::_exit(127);
    };

    // Dispositions set to "ignore" survive exec; a postmaster started from a
    // shell that ignores SIGINT would otherwise miss its shutdown signal.
    struct sigaction defaults {};
    defaults.sa_handler = SIG_DFL;
    sigemptyset(&defaults.sa_mask);
    for (int sig = 1; sig < NSIG; ++sig) {
        if (sig != SIGKILL && sig != SIGSTOP)
            ::sigaction(sig, &defaults, nullptr); // glibc-internal signals refuse: fine
    }
    sigset_t none;
    sigemptyset(&none);
    if (::sigprocmask(SIG_SETMASK, &none, nullptr) != 0)
        fail(ChildStep::Signals);

    if (::setpgid(0, 0) != 0)
        fail(ChildStep::ProcessGroup);
    if (::dup2(devNull, STDIN_FILENO) < 0)
        fail(ChildStep::Redirect);
    if (spec.outputFd >= 0 &&
        (::dup2(spec.outputFd, STDOUT_FILENO) < 0 || ::dup2(spec.outputFd, STDERR_FILENO) < 0))
        fail(ChildStep::Redirect);

    if (spec.switchAccount) {
        if (::setgroups(spec.groups.size(), spec.groups.data()) != 0)
            fail(ChildStep::Groups);
        if (::setgid(spec.gid) != 0)
            fail(ChildStep::Gid);
        if (::setuid(spec.uid) != 0)
            fail(ChildStep::Uid);
    }
    if (spec.parentDeathSignal != 0) {
        // Armed only now: a credential change clears it.
        if (::prctl(PR_SET_PDEATHSIG, spec.parentDeathSignal) != 0)
            fail(ChildStep::DeathSignal);
        // The parent may have died before the signal was armed; then nobody
        // would ever send it.
        if (::getppid() != parent)
            ::_exit(1);
    }
    // The account we switched to may not reach the parent's working directory.
    [[maybe_unused]] const int changed = ::chdir("/");

    // Descriptors other threads opened without O_CLOEXEC (sockets, files)
    // must not stay open in a long-lived child.
    const bool closedBelow =
        reportFd <= 3 || ::close_range(3, static_cast<unsigned>(reportFd) - 1, 0) == 0;
    const bool closedAbove = ::close_range(static_cast<unsigned>(reportFd) + 1, ~0U, 0) == 0;
    if (!closedBelow || !closedAbove) {
        for (int fd = 3; fd < maxFd; ++fd) {
            if (fd != reportFd)
                ::close(fd);
        }
    }

    ::execv(argv[0], argv);
    fail(ChildStep::Exec);
    ::_exit(127); // not reached: fail() exits
}

pid_t spawnOnThisThread(const ChildProcessSpec &spec) {
    if (spec.argv.empty())
        throw std::invalid_argument("spawnChildProcess: empty argv");
    std::vector<char *> argv;
    for (const auto &arg : spec.argv)
        argv.push_back(const_cast<char *>(arg.c_str()));
    argv.push_back(nullptr);
    const long openMax = ::sysconf(_SC_OPEN_MAX);
    const int maxFd = openMax > 0 && openMax < 65536 ? int(openMax) : 65536;

    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devNull < 0)
        throw std::runtime_error(std::string("cannot open /dev/null: ") + std::strerror(errno));
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        const int error = errno;
        ::close(devNull);
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(error));
    }

    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0)
        runChild(spec, argv.data(), devNull, report[1], parent, maxFd);
    const int forkError = errno;
    ::close(report[1]);
    ::close(devNull);
    if (pid < 0) {
        ::close(report[0]);
        throw std::runtime_error("cannot start " + spec.argv[0] + ": " + std::strerror(forkError));
    }

    ChildFailure failure{};
    ssize_t received = 0;
    do {
        received = ::read(report[0], &failure, sizeof failure);
    } while (received < 0 && errno == EINTR);
    ::close(report[0]);
    if (received == sizeof failure) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        throw std::runtime_error("cannot start " + spec.argv[0] + " (" +
                                 describeStep(failure.step) + "): " + std::strerror(failure.error));
    }
    return pid;
}

} // namespace

pid_t spawnChildProcess(const ChildProcessSpec &spec) {
    return ForkingThread::instance().run([&spec] { return spawnOnThisThread(spec); });
}

std::optional<int> childExitStatus(pid_t pid) {
    int status = 0;
    pid_t reaped = 0;
    do {
        reaped = ::waitpid(pid, &status, WNOHANG);
    } while (reaped < 0 && errno == EINTR);
    if (reaped == pid)
        return status;
    if (reaped < 0)
        return 0; // ECHILD: not ours to wait for any more
    return std::nullopt;
}

std::optional<int> waitForChildExit(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const auto status = childExitStatus(pid))
            return status;
        if (std::chrono::steady_clock::now() >= deadline)
            return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string describeWaitStatus(int status) {
    if (WIFEXITED(status))
        return "exit code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "killed by signal " + std::to_string(WTERMSIG(status));
    return "wait status " + std::to_string(status);
}

} // namespace caredesk::server
