#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace caredesk::server {

// How to start a program that must not outlive this process.
struct ChildProcessSpec {
    std::vector<std::string> argv; // argv[0] is the program's path
    int outputFd = -1;             // becomes the child's stdout and stderr; -1 = inherit
    bool switchAccount = false;    // run as uid/gid/groups below (this process is root)
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups;
    int parentDeathSignal = 0; // sent to the child when this process dies; 0 = none
};

// Forks and executes the program in its own process group (a Ctrl-C at the
// terminal reaches only us; we decide when the child stops), with stdin on
// /dev/null, default signal handling and no inherited descriptors.
//
// The parent-death signal is armed after the account switch (the kernel clears
// it on a credential change) and counts from the thread that forks, not the
// process, so every child is forked from one internal thread that lives as
// long as the process. Throws std::runtime_error if the program cannot be run.
pid_t spawnChildProcess(const ChildProcessSpec &spec);

// The wait status if the child has exited (it is reaped), nullopt while it runs.
// A child that is gone already (reaped elsewhere) reports status 0.
std::optional<int> childExitStatus(pid_t pid);
std::optional<int> waitForChildExit(pid_t pid, std::chrono::milliseconds timeout);

// "exit code 1", "killed by signal 9"
std::string describeWaitStatus(int status);

} // namespace caredesk::server
