<?php

namespace Database\Seeders;

class DatabaseSeeder {}
