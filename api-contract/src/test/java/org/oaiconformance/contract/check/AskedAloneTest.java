package org.oaiconformance.contract.check;

import org.oaiconformance.contract.http.Courtesy;
import org.testng.annotations.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.testng.Assert.assertEquals;

public class AskedAloneTest {

    @Test
    public void aWholeAnswerIsJudgedAsItCameWithoutAskingAgain() {
        AtomicInteger asked = new AtomicInteger();
        String judged = AskedAlone.ifCut("whole", "cut"::equals, () -> "again" + asked.incrementAndGet(), new Courtesy(4, 0), a -> a);
        assertEquals(judged, "whole");
        assertEquals(asked.get(), 0);
    }

    @Test(timeOut = 10_000)
    public void aCutAnswerIsAskedAgainAndItsOwnRequestsStillGetAPermit() {
        Courtesy courtesy = new Courtesy(4, 0);
        String judged = AskedAlone.ifCut("cut", "cut"::equals, () -> courtesy.during(() -> "whole", null), courtesy, a -> a);
        assertEquals(judged, "whole");
        try (Courtesy.Permit afterwards = courtesy.acquire()) {
            assertEquals(courtesy.maxInFlight(), 4); // every permit came back
        }
    }

    @Test(timeOut = 10_000)
    public void nothingElseIsSentWhileARequestRunsAlone() throws Exception {
        Courtesy courtesy = new Courtesy(4, 0);
        AtomicInteger othersDuring = new AtomicInteger();
        CountDownLatch aloneStarted = new CountDownLatch(1);
        AtomicBoolean aloneRunning = new AtomicBoolean();
        Thread other = new Thread(() -> {
            try {
                aloneStarted.await();
            } catch (InterruptedException e) {
                return;
            }
            courtesy.during(() -> aloneRunning.get() ? othersDuring.incrementAndGet() : 0, null);
        });
        other.start();
        courtesy.alone(() -> courtesy.during(() -> {
            aloneRunning.set(true);
            aloneStarted.countDown();
            sleep(300);
            aloneRunning.set(false);
            return null;
        }, null));
        other.join();
        assertEquals(othersDuring.get(), 0, "a request was sent while a call ran alone");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
