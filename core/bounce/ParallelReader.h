// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReader.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace bd {

// Reads messages on every core and hands the reports back in the order the messages came,
// with a bounded number in flight, so a huge mailbox costs a window of messages in memory.
// The messages queued or being read hold at most `byteBudget` bytes of input between them
// (a larger one is read alone): one worker per core each holding a 32 MiB message would
// otherwise multiply the memory by the number of cores.
class ParallelReader
{
public:
    using Sink = std::function<void(MessageReport &&)>;
    // Turns a report into the bytes to write, on the worker that read it, so the thread that
    // writes them out only copies bytes.
    using Serializer = std::function<QByteArray(const MessageReport &)>;
    using BytesSink = std::function<void(QByteArray &&)>;
    // Makes the reader when the first message is read, on the thread that reads it: building
    // the knowledge takes tens of milliseconds, and the calling thread meanwhile opens the
    // input and queues its first messages instead of waiting. Called once; the reader it
    // returns must outlive this.
    using ReaderSource = std::function<const BounceReader &()>;
    static constexpr qint64 defaultByteBudget = 32LL << 20;

    ParallelReader(const BounceReader &reader, Sink sink, int threads = 0, int window = 256,
            qint64 byteBudget = defaultByteBudget);
    ParallelReader(ReaderSource reader, Sink sink, int threads = 0, int window = 256,
            qint64 byteBudget = defaultByteBudget);
    ParallelReader(const BounceReader &reader, Serializer serializer, BytesSink sink,
            int threads = 0, int window = 256, qint64 byteBudget = defaultByteBudget);
    ParallelReader(ReaderSource reader, Serializer serializer, BytesSink sink, int threads = 0,
            int window = 256, qint64 byteBudget = defaultByteBudget);
    ~ParallelReader();
    ParallelReader(const ParallelReader &) = delete;
    ParallelReader &operator=(const ParallelReader &) = delete;

    // Queues a message; may wait until a slot in the window is free. Reports that are ready
    // are handed to the sink from the calling thread.
    void add(MailItem &&item);
    // Waits for every queued message and hands out the remaining reports.
    void finish();
    // The most input bytes that were queued or being read at one time.
    qint64 peakBytesInFlight() const { return m_peakBytes; }

private:
    struct Done
    {
        MessageReport report;
        QByteArray bytes; // with a serializer
    };
    void start(int threads);
    const BounceReader &reader() const;
    Done readOne(const MailItem &item) const;
    void deliver(Done &&done);
    void work();
    void drainReady(std::unique_lock<std::mutex> &lock);

    ReaderSource m_readerSource;
    mutable std::once_flag m_readerMade;
    mutable const BounceReader *m_reader = nullptr;
    Sink m_sink;
    Serializer m_serializer;
    BytesSink m_bytesSink;
    const size_t m_window;
    const qint64 m_budget;
    qint64 m_bytes = 0; // input bytes queued or being read
    qint64 m_peakBytes = 0;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_workAvailable;
    std::condition_variable m_resultReady;
    std::deque<std::pair<quint64, MailItem>> m_queue;
    // The reports read and not yet handed out, by sequence number less m_nextOut: the window
    // bounds how far ahead of the oldest one a worker can be, and the oldest is handed out
    // first. A map cost a tree walk to insert each and to find the next in order.
    std::deque<std::optional<Done>> m_done;
    quint64 m_nextIn = 0;
    quint64 m_nextOut = 0;
    bool m_stopping = false;
    bool m_finishing = false; // finish() waits for every report
};

} // namespace bd
