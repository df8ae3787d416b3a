package main

// A throw-away PostgreSQL server for the bench, started the way graph/pgtest
// starts one for tests (initdb and pg_ctl on a temporary directory and a
// free port of 127.0.0.1, as the postgres user when running as root), but
// without the testing package, and with PostgreSQL's default durability
// (fsync on), since its numbers are the single-node baseline.

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"

	_ "github.com/lib/pq" // the driver Cayley's postgres backend uses
)

type pgServer struct {
	b    *bench
	dir  string
	bin  string
	port int
	asPG bool // run the binaries as the postgres user
}

// startPostgres initialises and starts a server in a temporary directory.
func (b *bench) startPostgres() (*pgServer, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	bin := ""
	if len(matches) > 0 {
		bin = filepath.Dir(matches[len(matches)-1])
	} else if p, err := exec.LookPath("pg_ctl"); err == nil {
		bin = filepath.Dir(p)
	} else {
		return nil, fmt.Errorf("no PostgreSQL found (initdb, pg_ctl): apt-get install -y postgresql")
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	// A directory of its own under the system's temporary directory, which
	// the postgres user can reach whatever --work is.
	dir, err := os.MkdirTemp("", "newsgraph-bench-pg-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	s := &pgServer{b: b, dir: dir, bin: bin, port: port}
	b.pgDir = dir
	if u, err := user.Current(); err == nil && u.Uid == "0" {
		pg, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root and no postgres user to run PostgreSQL as: %w", err)
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(s.dir, uid, gid); err != nil {
			return nil, err
		}
		s.asPG = true
	}
	data := filepath.Join(s.dir, "data")
	if out, err := s.cmd("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", s.port, s.dir)
	if out, err := s.cmd("pg_ctl", "-D", data, "-l", filepath.Join(s.dir, "log"), "-o", opts, "-w", "-t", "60", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
	}
	return s, nil
}

func (s *pgServer) cmd(name string, args ...string) *exec.Cmd {
	argv := append([]string{filepath.Join(s.bin, name)}, args...)
	if s.asPG {
		argv = append([]string{"runuser", "-u", "postgres", "--"}, argv...)
	}
	s.b.command(argv...)
	return exec.Command(argv[0], argv[1:]...)
}

// createDB creates a database and returns its connection string.
func (s *pgServer) createDB(name string) (string, error) {
	db, err := sql.Open("postgres", s.url("postgres"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	s.b.command("psql", s.url("postgres"), "-c", "CREATE DATABASE "+name)
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return s.url(name), nil
}

func (s *pgServer) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// stop stops the server and removes its files.
func (s *pgServer) stop() {
	s.cmd("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "fast", "-w", "stop").Run()
	os.RemoveAll(s.dir)
}
