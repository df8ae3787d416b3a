package web

import (
	"context"
	"errors"
	"runtime"
	"time"
)

// errBusy cancels a query that ran past the light budget when every heavy
// slot was taken.
var errBusy = errors.New("the server is busy with long-running queries; retry later")

// queryGate bounds queries so that runaway ones cannot starve the rest.
//
// Gizmo runs JavaScript, and its loops are CPU-bound: a few of them would
// take every core. Every query may start (up to maxRunning at once; the
// excess waits up to 4×lightBudget for one of them to finish, and is then
// refused, so a burst of light queries queues briefly while a pile-up of
// long ones is answered 503). A query that is still running after
// lightBudget must take one of the heavy slots, of which there is one fewer
// than there are cores; if none is free it is interrupted and answered 503
// with Retry-After. So long queries never hold more than cores-1 cores and
// light ones always have one.
type queryGate struct {
	running     chan struct{}
	heavy       chan struct{}
	lightBudget time.Duration
}

func newQueryGate(maxRunning, heavySlots int, lightBudget time.Duration) *queryGate {
	if heavySlots <= 0 {
		heavySlots = max(1, runtime.GOMAXPROCS(0)-1)
	}
	if maxRunning <= 0 {
		maxRunning = 8 * runtime.GOMAXPROCS(0)
	}
	if lightBudget <= 0 {
		lightBudget = 250 * time.Millisecond
	}
	return &queryGate{
		running:     make(chan struct{}, maxRunning),
		heavy:       make(chan struct{}, heavySlots),
		lightBudget: lightBudget,
	}
}

// enter admits a query, waiting up to 4×lightBudget for a running slot, or
// returns errBusy. The returned context is
// cancelled with cause errBusy if the query outlives the light budget
// without a heavy slot; done releases what the query held.
func (g *queryGate) enter(ctx context.Context) (context.Context, func(), error) {
	select {
	case g.running <- struct{}{}:
	default:
		// A burst of light queries clears in milliseconds, but on a
		// saturated machine their wall time stretches: wait for a slot up
		// to four light budgets, then give up.
		wait := time.NewTimer(4 * g.lightBudget)
		defer wait.Stop()
		select {
		case g.running <- struct{}{}:
		case <-wait.C:
			return nil, nil, errBusy
		case <-ctx.Done():
			return nil, nil, errBusy
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTimer(g.lightBudget)
		defer t.Stop()
		select {
		case <-stop:
			return
		case <-t.C:
		}
		select {
		case g.heavy <- struct{}{}:
			<-stop
			<-g.heavy
			return
		default:
		}
		// Every heavy slot is taken. On a machine saturated by other work an
		// ordinary query's wall time stretches past the budget too: give it
		// one more light budget to finish or find a slot, then cut it off.
		t.Reset(g.lightBudget)
		select {
		case <-stop:
		case g.heavy <- struct{}{}:
			<-stop
			<-g.heavy
		case <-t.C:
			cancel(errBusy)
		}
	}()
	done := func() {
		close(stop)
		<-finished
		cancel(nil)
		<-g.running
	}
	return ctx, done, nil
}
